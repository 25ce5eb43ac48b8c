package dev.logctx.demo.jakartaee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs once, when the application starts, the SLF4J MDC adapter it runs with (key {@code
 * mdc_adapter}): logback's own, or logctx-logback's when the server runs with {@code
 * -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider}.
 */
@ApplicationScoped
public class AdapterLine {
  private static final Logger log = LoggerFactory.getLogger(AdapterLine.class);

  /**
   * Logs the adapter as the application scope starts.
   *
   * @param event the container's start-up event
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    String adapter = MDC.getMDCAdapter().getClass().getName();
    log.atInfo().addKeyValue("mdc_adapter", adapter).log("MDC adapter {}", adapter);
  }
}
