package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ContextualExecutorsTest {
  private static final Logger log = LoggerFactory.getLogger(ContextualExecutorsTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService raw;
  private ScheduledExecutorService rawScheduled;

  @BeforeEach
  void pools() {
    raw = Executors.newSingleThreadExecutor(r -> new Thread(r, "raw-pool"));
    rawScheduled = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "scheduler"));
  }

  @AfterEach
  void cleanup() throws Exception {
    assertThat(Mdc.of(raw)).isEmpty();
    assertThat(rawScheduled.submit(Mdc::now).get(10, TimeUnit.SECONDS)).isEmpty();
    Mdc.shutdown(raw);
    Mdc.shutdown(rawScheduled);
    Mdc.assertTestThreadClean();
  }

  @Test
  void every_submission_method_runs_the_task_in_the_submitters_context() throws Exception {
    ExecutorService pool = ContextualExecutors.wrap(raw);
    Callable<String> callable = () -> {
      log.info("callable");
      return MDC.get("request_id");
    };
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      CountDownLatch executed = new CountDownLatch(1);
      pool.execute(() -> {
        log.info("execute");
        executed.countDown();
      });
      assertThat(executed.await(10, TimeUnit.SECONDS)).isTrue();
      pool.submit(() -> log.info("submit runnable")).get(10, TimeUnit.SECONDS);
      assertThat(pool.submit(() -> log.info("submit with result"), "r").get()).isEqualTo("r");
      assertThat(pool.submit(callable).get(10, TimeUnit.SECONDS)).isEqualTo("req-1");
      for (Future<String> f : pool.invokeAll(List.of(callable, callable))) {
        assertThat(f.get()).isEqualTo("req-1");
      }
      assertThat(pool.invokeAll(List.of(callable), 10, TimeUnit.SECONDS).get(0).get())
          .isEqualTo("req-1");
      assertThat(pool.invokeAny(List.of(callable))).isEqualTo("req-1");
      assertThat(pool.invokeAny(List.of(callable), 10, TimeUnit.SECONDS)).isEqualTo("req-1");
    }
    for (String message : List.of("execute", "submit runnable", "submit with result")) {
      assertThat(logs.line(message).mdc()).isEqualTo(Map.of("request_id", "req-1"));
    }
    assertThat(logs.withMessage("callable"))
        .hasSize(6)
        .allSatisfy(line -> assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-1")));
  }

  @Test
  void should_not_carry_the_context_on_the_unwrapped_executor() throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      raw.submit(() -> log.info("unwrapped")).get(10, TimeUnit.SECONDS);
    }
    assertThat(logs.line("unwrapped").mdc()).isEmpty();
  }

  @Test
  void the_context_is_captured_at_submission_not_when_the_task_starts() throws Exception {
    ExecutorService pool = ContextualExecutors.wrap(raw);
    CountDownLatch release = new CountDownLatch(1);
    pool.submit(() -> release.await(10, TimeUnit.SECONDS));
    Future<?> queued;
    try (Scope scope = LogContext.bind("request_id", "at-submit")) {
      queued = pool.submit(() -> log.info("queued"));
      MDC.put("request_id", "changed-after-submit");
    }
    release.countDown();
    queued.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("queued").mdc()).isEqualTo(Map.of("request_id", "at-submit"));
  }

  @Test
  void scheduled_and_periodic_tasks_run_in_the_context_of_the_scheduling_thread()
      throws Exception {
    ScheduledExecutorService scheduler = ContextualExecutors.wrap(rawScheduled);
    CountDownLatch threeRuns = new CountDownLatch(3);
    ScheduledFuture<?> periodic;
    ScheduledFuture<?> delayed;
    try (Scope scope = LogContext.bind("request_id", "req-sched")) {
      delayed = scheduler.schedule(() -> log.info("delayed"), 1, TimeUnit.MILLISECONDS);
      assertThat(scheduler.schedule(() -> MDC.get("request_id"), 1, TimeUnit.MILLISECONDS).get())
          .isEqualTo("req-sched");
      periodic =
          scheduler.scheduleAtFixedRate(
              () -> {
                log.info("periodic");
                MDC.put("request_id", "changed-by-run"); // must not reach the next run
                threeRuns.countDown();
              },
              0, 1, TimeUnit.MILLISECONDS);
    }
    assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
    periodic.cancel(false);
    delayed.get(10, TimeUnit.SECONDS);
    CountDownLatch twoDelayedRuns = new CountDownLatch(2);
    ScheduledFuture<?> withDelay;
    try (Scope scope = LogContext.bind("request_id", "req-delay")) {
      withDelay = scheduler.scheduleWithFixedDelay(() -> {
        log.info("fixed delay");
        twoDelayedRuns.countDown();
      }, 0, 1, TimeUnit.MILLISECONDS);
    }
    assertThat(twoDelayedRuns.await(10, TimeUnit.SECONDS)).isTrue();
    withDelay.cancel(false);

    assertThat(logs.line("delayed").mdc()).isEqualTo(Map.of("request_id", "req-sched"));
    assertThat(logs.withMessage("periodic"))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-sched")));
    assertThat(logs.withMessage("fixed delay"))
        .allSatisfy(line -> assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-delay")));
  }

  @Test
  void wrapping_is_idempotent() {
    ExecutorService service = ContextualExecutors.wrap(raw);
    ScheduledExecutorService scheduled = ContextualExecutors.wrap(rawScheduled);
    Executor executor = ContextualExecutors.wrap((Executor) Runnable::run);
    assertThat(ContextualExecutors.wrap(service)).isSameAs(service);
    assertThat(ContextualExecutors.wrap((Executor) service)).isSameAs(service);
    assertThat(ContextualExecutors.wrap(scheduled)).isSameAs(scheduled);
    assertThat(ContextualExecutors.wrap((ExecutorService) scheduled)).isSameAs(scheduled);
    assertThat(ContextualExecutors.wrap(executor)).isSameAs(executor);
  }

  @Test
  void lifecycle_goes_to_the_wrapped_executor_and_rejections_reach_the_caller() throws Exception {
    ExecutorService pool = ContextualExecutors.wrap(Executors.newSingleThreadExecutor());
    pool.shutdown();
    assertThat(pool.isShutdown()).isTrue();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      assertThatThrownBy(() -> pool.submit(() -> {})).isInstanceOf(RejectedExecutionException.class);
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    }
    assertThat(pool.shutdownNow()).isEmpty();
  }

  @Test
  void a_wrapped_executor_given_to_the_task_helpers_attaches_the_context_once() throws Exception {
    Executor wrapped = ContextualExecutors.wrap(raw);
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      assertThat(ContextualTasks.runInExecutorWithContext(wrapped, () -> MDC.get("request_id"))
              .get(10, TimeUnit.SECONDS))
          .isEqualTo("req-1");
    }
  }

  @Test
  void null_executors_and_tasks_fail_fast() {
    assertThatThrownBy(() -> ContextualExecutors.wrap((Executor) null)).hasMessage("executor");
    assertThatThrownBy(() -> ContextualExecutors.wrap((ExecutorService) null)).hasMessage("executor");
    assertThatThrownBy(() -> ContextualExecutors.wrap((ScheduledExecutorService) null))
        .hasMessage("executor");
    assertThatThrownBy(() -> ContextualExecutors.wrap(raw).execute(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ContextualExecutors.wrap(raw).invokeAll(null))
        .hasMessage("tasks");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_19) // ExecutorService.close() exists from Java 19 on
  void closing_a_wrapped_common_pool_returns_promptly() {
    ExecutorService wrapped = ContextualExecutors.wrap(ForkJoinPool.commonPool());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ((AutoCloseable) wrapped).close());
    assertThat(ForkJoinPool.commonPool().isShutdown()).isFalse();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_19)
  void closing_a_wrapped_pool_closes_the_pool_after_its_tasks() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    ExecutorService wrapped = ContextualExecutors.wrap(pool);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> task;
    try (Scope scope = LogContext.bind("request_id", "req-close")) {
      task = wrapped.submit(() -> {
        release.await(10, TimeUnit.SECONDS);
        log.info("last task");
        return "done";
      });
    }
    release.countDown();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ((AutoCloseable) wrapped).close());
    assertThat(pool.isTerminated()).isTrue();
    assertThat(task.get()).isEqualTo("done");
    assertThat(logs.line("last task").mdc()).isEqualTo(Map.of("request_id", "req-close"));
  }
}
