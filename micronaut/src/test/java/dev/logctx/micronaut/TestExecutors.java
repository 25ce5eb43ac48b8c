package dev.logctx.micronaut;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Executors of the tests. */
@Factory
public class TestExecutors {
  /**
   * A single-thread pool typed {@code ThreadPoolExecutor}: not an exact {@code ExecutorService}
   * bean, so neither Micronaut's instrumentation nor logctx's decoration touch it; tasks reuse one
   * thread.
   */
  public static final String SINGLE = "logctx-test-single";

  /** Created by Micronaut. */
  public TestExecutors() {}

  @Singleton
  @Named(SINGLE)
  @Bean(preDestroy = "shutdownNow")
  ThreadPoolExecutor single() {
    return new ThreadPoolExecutor(
        1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, SINGLE));
  }
}
