package dev.logctx;

import ch.qos.logback.classic.spi.LogbackServiceProvider;

/**
 * Logback's own SLF4J provider, made slow to construct: SLF4J creates it in the middle of its
 * initialisation, after it has marked the initialisation as ongoing and before it binds the MDC
 * adapter. Used only by {@link Slf4jStartupRaceTest}, chosen with {@code -Dslf4j.provider}; it
 * holds the initialisation there until the test's request thread has made its first logctx call.
 */
public final class SlowStartingLogbackProvider extends LogbackServiceProvider {

  /** Called by SLF4J through reflection. */
  public SlowStartingLogbackProvider() {
    Slf4jStartupRaceTest.holdInitialisationUntilTheRequestThreadIsIn();
  }
}
