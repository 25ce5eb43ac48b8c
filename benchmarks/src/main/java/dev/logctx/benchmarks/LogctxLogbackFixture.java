package dev.logctx.benchmarks;

import dev.logctx.internal.SharedMdcAdapter;
import org.slf4j.MDC;

/**
 * The JVM of the {@code *LogctxLogbackBenchmark} classes: logback with logctx-logback's provider,
 * switched on as a user does, by the {@code slf4j.provider} system property of the fork.
 */
final class LogctxLogbackFixture {
  /** The one documented switch. */
  static final String PROVIDER = "-Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider";

  private LogctxLogbackFixture() {}

  /** Fails unless SLF4J really runs on logctx-logback's adapter: no number of the wrong setup. */
  static void requireProvider(String where) {
    if (!(MDC.getMDCAdapter() instanceof SharedMdcAdapter)) {
      throw new IllegalStateException(
          where + ": SLF4J does not run on logctx-logback's adapter but on "
              + MDC.getMDCAdapter().getClass().getName() + "; start the JVM with " + PROVIDER);
    }
  }
}
