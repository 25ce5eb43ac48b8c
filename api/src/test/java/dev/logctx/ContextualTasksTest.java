package dev.logctx;

import static dev.logctx.ContextualTasks.createTaskWithContext;
import static dev.logctx.ContextualTasks.runInExecutorWithContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The scenarios of the Python guide, in Java, on reused pooled threads. */
class ContextualTasksTest {
  private static final Logger log = LoggerFactory.getLogger(ContextualTasksTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService pool;

  @BeforeEach
  void one_reused_pool_thread() {
    pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "pool-worker"));
  }

  @AfterEach
  void cleanup() throws InterruptedException {
    Mdc.shutdown(pool);
    Mdc.assertTestThreadClean();
  }

  /** What a previous request's careless code leaves on the pooled thread. */
  private void previousRequestLeftItsIdOnThePoolThread() throws Exception {
    pool.submit(() -> MDC.put("request_id", "req-previous")).get(10, TimeUnit.SECONDS);
  }

  @Test
  void background_task_logs_the_callers_request_id() throws Exception {
    previousRequestLeftItsIdOnThePoolThread();
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      log.info("main task");
      CompletableFuture<Void> task1 =
          CompletableFuture.runAsync(() -> log.info("background without helper"), pool);
      CompletableFuture<Void> task2 =
          createTaskWithContext(() -> log.info("background with helper"), "bg", pool);
      CompletableFuture.allOf(task1, task2).get(10, TimeUnit.SECONDS);
    }
    assertThat(logs.line("main task").formatted()).contains("request_id=req-123");
    assertThat(logs.line("background with helper").formatted()).contains("request_id=req-123");
    // negative control: plain runAsync on the pooled thread shows the previous request's id
    assertThat(logs.line("background without helper").formatted())
        .doesNotContain("req-123")
        .contains("request_id=req-previous");
  }

  @Test
  void background_task_on_the_default_executor_logs_the_callers_request_id() throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      createTaskWithContext(() -> log.info("default executor")).get(10, TimeUnit.SECONDS);
      assertThat(createTaskWithContext(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS))
          .isEqualTo("req-123");
    }
    assertThat(logs.line("default executor").formatted()).contains("request_id=req-123");
  }

  @Test
  void named_task_shows_its_name_in_the_log_line_and_the_thread_gets_its_name_back()
      throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      createTaskWithContext(() -> log.info("named"), "process-order-123", pool)
          .get(10, TimeUnit.SECONDS);
      createTaskWithContext(() -> log.info("named on default"), "process-order-124")
          .get(10, TimeUnit.SECONDS);
    }
    pool.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("named").formatted()).startsWith("[process-order-123] ");
    assertThat(logs.line("named").mdc()).containsEntry("request_id", "req-123");
    assertThat(logs.line("named on default").thread()).isEqualTo("process-order-124");
    assertThat(logs.line("next task").thread()).isEqualTo("pool-worker");
  }

  @Test
  void named_task_gets_its_thread_name_back_when_it_throws() throws Exception {
    CompletableFuture<Void> failed =
        createTaskWithContext(
            () -> {
              throw new IllegalStateException("boom");
            },
            "failing-task",
            pool);
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(pool.submit(() -> Thread.currentThread().getName()).get()).isEqualTo("pool-worker");
  }

  @Test
  void blank_or_null_task_names_are_rejected_before_anything_runs() {
    AtomicBoolean ran = new AtomicBoolean();
    assertThatThrownBy(() -> createTaskWithContext(() -> ran.set(true), " ", pool))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> createTaskWithContext(() -> ran.set(true), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> createTaskWithContext(() -> ran.set(true), (String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThat(ran).isFalse();
  }

  @Test
  void sync_work_in_an_executor_and_in_the_default_executor_logs_the_id() throws Exception {
    previousRequestLeftItsIdOnThePoolThread();
    try (Scope scope = LogContext.bind("request_id", "req-456")) {
      runInExecutorWithContext(pool, () -> log.info("sync work in pool")).get(10, TimeUnit.SECONDS);
      runInExecutorWithContext(null, () -> log.info("sync work in default"))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(logs.line("sync work in pool").formatted()).contains("request_id=req-456");
    assertThat(logs.line("sync work in default").formatted()).contains("request_id=req-456");
    assertThat(Mdc.of(pool)).containsEntry("request_id", "req-previous");
  }

  @Test
  void passing_arguments_returns_the_result() throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-789")) {
      CompletableFuture<String> one =
          runInExecutorWithContext(
              pool,
              (String item) -> {
                log.info("processing {}", item);
                return "done " + item;
              },
              "item-123");
      CompletableFuture<String> two =
          runInExecutorWithContext(
              null,
              (String item, Integer priority) -> {
                log.info("processing {} at {}", item, priority);
                return item + "@" + priority;
              },
              "item-124",
              1);
      assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo("done item-123");
      assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo("item-124@1");
      assertThat(runInExecutorWithContext(pool, () -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
      assertThat(runInExecutorWithContext(pool, (String s) -> s == null, null).get()).isTrue();
    }
    assertThat(logs.line("processing item-123").mdc()).containsEntry("request_id", "req-789");
    assertThat(logs.line("processing item-124 at 1").mdc()).containsEntry("request_id", "req-789");
  }

  @Test
  void child_changes_reach_neither_the_parent_nor_the_next_task_on_the_same_thread()
      throws Exception {
    try (Scope scope = LogContext.bind(Map.of("request_id", "parent-value", "user_id", "u-1"))) {
      createTaskWithContext(
              () -> {
                MDC.put("request_id", "child-override");
                MDC.remove("user_id");
                log.info("child");
              },
              "child",
              pool)
          .get(10, TimeUnit.SECONDS);
      log.info("parent after child");
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "parent-value", "user_id", "u-1"));
    }
    pool.submit(() -> log.info("next task on the pool")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("child").mdc()).isEqualTo(Map.of("request_id", "child-override"));
    assertThat(logs.line("parent after child").mdc())
        .isEqualTo(Map.of("request_id", "parent-value", "user_id", "u-1"));
    assertThat(logs.line("next task on the pool").mdc()).isEmpty();
  }

  @Test
  void keys_absent_from_the_snapshot_are_absent_while_the_task_runs_and_back_afterwards()
      throws Exception {
    pool.submit(() -> MDC.put("stale", "planted")).get(10, TimeUnit.SECONDS);
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      createTaskWithContext(() -> log.info("task"), "t", pool).get(10, TimeUnit.SECONDS);
    }
    assertThat(logs.line("task").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("task").formatted()).doesNotContain("planted");
    assertThat(Mdc.of(pool)).isEqualTo(Map.of("stale", "planted"));
  }

  @Test
  void the_pool_thread_is_restored_after_a_task_that_throws() throws Exception {
    CompletableFuture<Object> failed;
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      failed =
          runInExecutorWithContext(
              pool,
              () -> {
                MDC.put("half-done", "x");
                throw new java.io.IOException("disk full");
              });
    }
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(java.io.IOException.class);
    assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class);
    assertThat(Mdc.of(pool)).isEmpty();
  }

  @Test
  void a_task_cancelled_before_it_starts_never_runs_and_leaves_nothing_behind() throws Exception {
    CountDownLatch blocker = new CountDownLatch(1);
    pool.submit(() -> blocker.await(10, TimeUnit.SECONDS));
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> task;
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      task = createTaskWithContext(() -> ran.set(true), "cancelled", pool);
    }
    assertThat(task.cancel(true)).isTrue();
    blocker.countDown();
    assertThat(Mdc.of(pool)).isEmpty(); // runs after the cancelled task on the same thread
    assertThat(ran).isFalse();
    assertThatThrownBy(task::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void a_rejected_task_throws_to_the_caller_and_leaves_its_mdc_untouched() {
    ThreadPoolExecutor saturated =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
            new ThreadPoolExecutor.AbortPolicy());
    saturated.shutdown();
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      assertThatThrownBy(() -> createTaskWithContext(() -> {}, "rejected", saturated))
          .isInstanceOf(RejectedExecutionException.class);
      assertThatThrownBy(() -> runInExecutorWithContext(saturated, () -> 1))
          .isInstanceOf(RejectedExecutionException.class);
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    }
  }

  @Test
  void a_task_run_on_the_callers_own_thread_restores_the_callers_mdc_exactly() throws Exception {
    Executor direct = Runnable::run;
    ThreadPoolExecutor callerRuns =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
            new ThreadPoolExecutor.CallerRunsPolicy());
    callerRuns.shutdown(); // a shut-down CallerRunsPolicy pool discards; use a saturated one below
    ThreadPoolExecutor busy =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
            new ThreadPoolExecutor.CallerRunsPolicy());
    CountDownLatch release = new CountDownLatch(1);
    busy.execute(() -> awaitQuietly(release));
    busy.execute(() -> {}); // fills the queue: the next task runs on the caller
    try {
      MDC.put("request_id", "req-1");
      MDC.put("user_id", "u-1");
      LogContext atSubmit = LogContext.current();
      AtomicReference<String> runner = new AtomicReference<>();
      for (Executor executor : new Executor[] {direct, busy}) {
        CompletableFuture<Void> task =
            runInExecutorWithContext(
                executor,
                () -> {
                  runner.set(Thread.currentThread().getName());
                  MDC.put("request_id", "changed-by-task");
                  MDC.remove("user_id");
                  log.info("caller runs");
                });
        task.get(10, TimeUnit.SECONDS);
        assertThat(runner.get()).isEqualTo(Thread.currentThread().getName());
        assertThat(LogContext.current()).isEqualTo(atSubmit);
      }
      assertThat(logs.withMessage("caller runs")).hasSize(2);
    } finally {
      MDC.clear();
      release.countDown();
      busy.shutdown();
    }
  }

  @Test
  void null_arguments_fail_fast_naming_them() {
    assertThatThrownBy(() -> createTaskWithContext((Runnable) null)).hasMessage("task");
    assertThatThrownBy(() -> createTaskWithContext((java.util.concurrent.Callable<Object>) null))
        .hasMessage("task");
    assertThatThrownBy(() -> createTaskWithContext(() -> {}, "n", null)).hasMessage("executor");
    assertThatThrownBy(() -> runInExecutorWithContext(pool, (Runnable) null)).hasMessage("task");
    assertThatThrownBy(() -> runInExecutorWithContext(pool, (java.util.function.Function<String, String>) null, "a"))
        .hasMessage("fn");
    assertThatThrownBy(
            () ->
                runInExecutorWithContext(
                    pool, (java.util.function.BiFunction<String, String, String>) null, "a", "b"))
        .hasMessage("fn");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
