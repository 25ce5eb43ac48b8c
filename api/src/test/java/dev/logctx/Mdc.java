package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/** Test helpers around the raw SLF4J MDC. */
final class Mdc {
  private Mdc() {}

  /** The current thread's MDC, empty map when none. */
  static Map<String, String> now() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null ? Map.of() : map;
  }

  /** For {@code @AfterEach}: the test thread must end every test with an empty MDC. */
  static void assertTestThreadClean() {
    Map<String, String> left = now();
    MDC.clear();
    assertThat(left).as("MDC left on the test thread").isEmpty();
  }

  /** The MDC of the (single) thread of {@code pool}, read by a task that carries no context. */
  static Map<String, String> of(ExecutorService pool) throws Exception {
    return pool.submit(Mdc::now).get(10, TimeUnit.SECONDS);
  }

  /**
   * For {@code @AfterEach}: {@code pool}'s thread and the test thread end with an empty MDC, and
   * the pool is shut down.
   */
  static void assertCleanAndShutdown(ExecutorService pool) throws Exception {
    assertThat(of(pool)).as("MDC left on the pooled thread").isEmpty();
    shutdown(pool);
    assertTestThreadClean();
  }

  static void shutdown(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }
}
