package dev.logctx.benchmarks;

import dev.logctx.LogContext;
import org.junit.jupiter.api.extension.Extension;

/**
 * Starts logctx before any test of this module touches OpenTelemetry, as the JMH forks of the
 * {@code *LogctxOtelBenchmark} classes do ({@code LogctxOtelFixture.requireCarrier}): the context
 * carrier then registers logctx-opentelemetry's storage wrapper before OpenTelemetry chooses its
 * storage, whichever test class runs first (an in-process JMH run checks a clean worker with
 * {@code Context.current()}). Registered for every test class through JUnit's extension
 * auto-detection, created before any test class initialises.
 */
public final class LogctxStartsFirst implements Extension {

  /** Starts logctx. */
  public LogctxStartsFirst() {
    LogContext.current();
  }
}
