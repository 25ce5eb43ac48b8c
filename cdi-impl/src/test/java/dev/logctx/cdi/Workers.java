package dev.logctx.cdi;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/** Single-thread pools whose one thread is reused by every task, so leaks show. */
final class Workers {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Workers() {}

  /** A pool with one named daemon thread. */
  static ExecutorService singleThread(String name) {
    String threadName = name + "-" + COUNT.incrementAndGet();
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The MDC of the pool's thread, read by a plain task that logctx does not touch. */
  static Map<String, String> mdcOf(ExecutorService pool) throws Exception {
    return pool.submit(Workers::currentMdc).get(10, TimeUnit.SECONDS);
  }

  /** Puts entries into the MDC of the pool's thread, as an earlier task that leaked would. */
  static void pollute(ExecutorService pool, Map<String, String> entries) throws Exception {
    pool.submit(() -> entries.forEach(MDC::put)).get(10, TimeUnit.SECONDS);
  }

  /** Empties the MDC of the pool's thread. */
  static void clean(ExecutorService pool) throws Exception {
    pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
  }

  /** This thread's MDC, never null. */
  static Map<String, String> currentMdc() {
    Map<String, String> copy = MDC.getCopyOfContextMap();
    return copy == null ? Map.of() : copy;
  }

  /**
   * What the test left in this thread's MDC, which is then emptied so that one failing test does
   * not fail the ones after it on the same thread.
   */
  static Map<String, String> mdcLeftOnThisThread() {
    Map<String, String> left = currentMdc();
    MDC.clear();
    return left;
  }

  /** Shuts the pool down and waits for it. */
  static void stop(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }
}
