package dev.logctx.demo.micronaut;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;

/**
 * Logs one line when the server takes requests: its port, the SLF4J MDC adapter in use (logback's
 * own, or logctx-logback's when started with {@code
 * -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider}), whether Reactor's automatic
 * context propagation is on (micronaut-reactor switches it on when Micrometer context-propagation
 * is on the class path) and the keys of Micrometer's thread-local accessors.
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
        .addKeyValue(
            "reactor_automatic_context_propagation", Hooks.isAutomaticContextPropagationEnabled())
        .addKeyValue("micrometer_accessors", micrometerAccessors())
        .log("order service ready on port {} (MDC adapter {})", port, adapter);
  }

  /**
   * The keys of the thread-local accessors Micrometer context-propagation has registered, or
   * {@code none} without it on the class path (read by reflection: the demo does not need it).
   */
  private static String micrometerAccessors() {
    try {
      Class<?> registry = Class.forName("io.micrometer.context.ContextRegistry");
      Method key = Class.forName("io.micrometer.context.ThreadLocalAccessor").getMethod("key");
      Object instance = registry.getMethod("getInstance").invoke(null);
      List<String> keys = new ArrayList<>();
      for (Object accessor :
          (List<?>) registry.getMethod("getThreadLocalAccessors").invoke(instance)) {
        keys.add(String.valueOf(key.invoke(accessor))); // through the interface: some are private
      }
      return String.join(",", keys);
    } catch (ClassNotFoundException e) {
      return "none";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unreadable: " + e;
    }
  }
}
