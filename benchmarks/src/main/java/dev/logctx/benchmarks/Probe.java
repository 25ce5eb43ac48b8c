package dev.logctx.benchmarks;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The work body every contender carries the MDC to: it reads one MDC key where it runs and keeps
 * what it saw. The read is stored in a field and handed back to JMH by the benchmark method, so
 * the JIT cannot drop it, and a contender that carried nothing can be caught by reading it.
 */
class Probe implements Runnable {
  private String key = MdcFixture.FIRST_KEY;
  private @Nullable String seen;

  @Override
  public void run() {
    seen = read(key);
  }

  /** Reads {@code key} from wherever this contender keeps the logging context. */
  @Nullable String read(String key) {
    return MDC.get(key);
  }

  /** What the last run saw, and forgets it. */
  final @Nullable String take() {
    String value = seen;
    seen = null;
    return value;
  }

  /** For the tests: read another key (the last entry, say) than {@link MdcFixture#FIRST_KEY}. */
  final void readKey(String key) {
    this.key = key;
  }
}
