package dev.logctx.demo.micronaut;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs one line when the server takes requests: its port, and the SLF4J MDC adapter in use (logback's
 * own, or logctx-logback's when started with {@code
 * -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider}).
 */
@Singleton
class ReadyLine {
  private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

  @EventListener
  void onStartup(ServerStartupEvent event) {
    int port = event.getSource().getPort();
    String adapter = MDC.getMDCAdapter().getClass().getName();
    log.atInfo()
        .addKeyValue("port", port)
        .addKeyValue("mdc_adapter", adapter)
        .log("order service ready on port {} (MDC adapter {})", port, adapter);
  }
}
