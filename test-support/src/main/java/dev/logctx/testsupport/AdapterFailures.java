package dev.logctx.testsupport;

import java.util.stream.Stream;

/**
 * What a failing MDC adapter throws in the tests of rule 7 (nothing logctx does in capture, attach
 * or restore throws into the code that calls it): one of each kind logctx must survive.
 */
public final class AdapterFailures {
  private AdapterFailures() {}

  /** An error an adapter may throw that is neither a {@link LinkageError} nor fatal. */
  public static final class AdapterError extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what broke
     */
    public AdapterError(String message) {
      super(message);
    }
  }

  /**
   * A {@link RuntimeException}, an {@link Error} of the adapter's own and a {@link LinkageError},
   * new for each call; for {@code @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")}.
   *
   * @return the three failures
   */
  public static Stream<Throwable> kinds() {
    return Stream.of(
        new IllegalStateException("adapter broken"),
        new AdapterError("adapter broken"),
        new NoSuchMethodError("adapter linked against another SLF4J"));
  }
}
