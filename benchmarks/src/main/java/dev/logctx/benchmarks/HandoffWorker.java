package dev.logctx.benchmarks;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The pooled thread of the handoff scenarios: one daemon thread whose MDC is empty between tasks,
 * as in production (checked after each iteration).
 */
final class HandoffWorker {
  private HandoffWorker() {}

  /** A single-thread executor on a daemon thread named {@code handoff-worker}. */
  static ExecutorService start() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "handoff-worker");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Stops {@code worker}, failing when it does not stop. */
  static void stop(ExecutorService worker) throws InterruptedException {
    worker.shutdown();
    if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the handoff worker did not stop");
    }
  }

  /**
   * Fails unless the request thread still holds exactly its MDC (then clears it) and the worker
   * holds none.
   */
  static void leaveRequest(int size, String where, ExecutorService worker)
      throws InterruptedException, ExecutionException {
    MdcFixture.leaveRequest(size, where);
    worker.submit(() -> MdcFixture.requireCleanWorker(where)).get();
  }
}
