package dev.logctx.demo;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain thread pool that knows nothing of contexts, as found in many applications: it runs
 * {@code ThreadContext.contextualRunnable} work, and the negative control of {@link
 * WithoutLogctxResource}.
 */
@ApplicationScoped
class PlainPool {
  private final ExecutorService pool;

  PlainPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "plain-pool-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(4, threads);
  }

  ExecutorService executor() {
    return pool;
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
  }
}
