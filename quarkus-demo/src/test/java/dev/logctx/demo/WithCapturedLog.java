package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.MDC;

/**
 * The set-up the demo's HTTP tests share: the root logger's lines captured in {@link #log} for each
 * test, client pools from {@link #clientPool} shut down after it, and the check that the test
 * thread's MDC is empty afterwards (a request id must never leak to the client side).
 */
abstract class WithCapturedLog {
  /** The root logger's lines since this test started. */
  protected CapturedLog log;

  private final List<ExecutorService> pools = new ArrayList<>();

  @BeforeEach
  final void installCapturedLog() {
    log = CapturedLog.ofRootLogger().install();
  }

  @AfterEach
  final void closeCapturedLog() {
    pools.forEach(ExecutorService::shutdownNow);
    log.close();
    assertThat(MDC.getCopyOfContextMap()).as("the test thread's MDC").isNullOrEmpty();
  }

  /**
   * A fixed pool of client threads, shut down after the test.
   *
   * @param threads the number of threads
   * @return the pool
   */
  protected final ExecutorService clientPool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }
}
