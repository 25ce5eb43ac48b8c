package dev.logctx.demo.micronaut;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's own pool for {@link OrderNotifier}'s {@code @Async("notifications")} method,
 * declared as a {@code ThreadPoolExecutor}: logctx-micronaut wraps executor beans declared exactly
 * as {@code ExecutorService} or {@code ScheduledExecutorService} and leaves this one alone, so what
 * carries the MDC to the notifier is {@code @PreserveContext} itself.
 */
@Factory
class NotificationPool {
  /** The name of the pool: {@value}. */
  static final String NAME = "notifications";

  @Singleton
  @Named(NAME)
  @Bean(preDestroy = "shutdownNow")
  ThreadPoolExecutor notifications() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "notifications-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
  }
}
