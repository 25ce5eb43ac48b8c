package dev.logctx.opentelemetry;

import dev.logctx.LogContext;
import org.junit.jupiter.api.extension.Extension;

/**
 * Makes this module's test JVMs start logctx before any OpenTelemetry call, as an application does
 * whose logctx starts first (its filters, executors or Kafka configuration at start-up): the
 * carrier then registers the storage wrapper before OpenTelemetry chooses its storage. Registered
 * for every test class through JUnit's extension auto-detection, created before any test class
 * initialises. In the executions that start OpenTelemetry first (system property {@value
 * #OPENTELEMETRY_FIRST}) it does nothing.
 */
public final class LogctxStartsFirst implements Extension {

  /** The system property of the executions in which OpenTelemetry is used before logctx. */
  public static final String OPENTELEMETRY_FIRST = "logctx.test.opentelemetry-first";

  /** Starts logctx, unless this JVM is to use OpenTelemetry first. */
  public LogctxStartsFirst() {
    if (!Boolean.getBoolean(OPENTELEMETRY_FIRST)) {
      LogContext.current();
    }
  }
}
