package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * MicroProfile {@code ThreadContext} (SmallRye Context Propagation, standalone) with logctx's
 * provider found by the service loader. Each propagation test has a negative control: the same
 * {@code ThreadContext} from SmallRye without logctx's provider.
 */
class ThreadContextTest {
  private static final Logger log = LoggerFactory.getLogger(ThreadContextTest.class);

  private CapturedLog logs;
  private ExecutorService pool;
  private ExecutorService otherPool;

  @BeforeEach
  void capture_logs_and_start_the_pools() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    pool = Workers.singleThread("plain-pool");
    otherPool = Workers.singleThread("other-plain-pool");
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.stop(pool);
    Workers.stop(otherPool);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_carry_the_mdc_with_a_contextual_runnable() throws Exception {
    // docs/cdi.md, "ThreadContext"
    ThreadContext threadContext = ThreadContext.builder().build();
    Runnable task;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      task = threadContext.contextualRunnable(() -> log.info("later, elsewhere"));
    } finally {
      request.close();
    }
    pool.submit(task).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("later, elsewhere")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("later, elsewhere")).startsWith("plain-pool");
  }

  private static final List<String> CONTEXTUAL =
      List.of("runnable", "callable", "function", "supplier", "consumer");

  @Test
  void should_carry_the_mdc_into_contextual_tasks_on_a_plain_pool() throws Exception {
    runContextualTasks(ThreadContext.builder().build());

    for (String line : CONTEXTUAL) {
      assertThat(logs.mdcOf(line)).as(line).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.threadOf(line)).as(line).startsWith("plain-pool");
    }
    assertThat(Workers.mdcOf(pool)).isEmpty();
  }

  @Test
  void should_not_carry_the_mdc_into_contextual_tasks_without_logctx() throws Exception {
    runContextualTasks(SmallRye.WITHOUT_LOGCTX.newThreadContextBuilder().build());

    for (String line : CONTEXTUAL) {
      assertThat(logs.mdcOf(line)).as(line).isEmpty();
    }
  }

  private void runContextualTasks(ThreadContext threadContext) throws Exception {
    Runnable runnable;
    Callable<String> callable;
    Function<String, String> function;
    Supplier<String> supplier;
    Consumer<String> consumer;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      runnable = threadContext.contextualRunnable(() -> log.info("runnable"));
      callable = threadContext.contextualCallable(() -> logged("callable"));
      function = threadContext.contextualFunction(v -> logged("function"));
      supplier = threadContext.contextualSupplier(() -> logged("supplier"));
      consumer = threadContext.contextualConsumer(v -> log.info("consumer"));
    } finally {
      request.close();
    }
    pool.submit(runnable).get(10, TimeUnit.SECONDS);
    pool.submit(callable).get(10, TimeUnit.SECONDS);
    CompletableFuture.supplyAsync(() -> function.apply("x"), pool).get(10, TimeUnit.SECONDS);
    CompletableFuture.supplyAsync(supplier, pool).get(10, TimeUnit.SECONDS);
    CompletableFuture.runAsync(() -> consumer.accept("x"), pool).get(10, TimeUnit.SECONDS);
  }

  private static String logged(String line) {
    log.info(line);
    return line;
  }

  @Test
  void should_carry_the_mdc_into_stages_of_a_future_with_context_capture() throws Exception {
    stagesOfCapturedFuture(ThreadContext.builder().build());

    for (String line : List.of("thenApply", "thenAccept")) {
      assertThat(logs.mdcOf(line)).as(line).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.threadOf(line)).as(line).startsWith("plain-pool");
    }
    assertThat(Workers.mdcOf(pool)).isEmpty();
  }

  @Test
  void should_not_carry_the_mdc_into_stages_of_a_captured_future_without_logctx()
      throws Exception {
    stagesOfCapturedFuture(SmallRye.WITHOUT_LOGCTX.newThreadContextBuilder().build());

    assertThat(logs.mdcOf("thenApply")).isEmpty();
    assertThat(logs.mdcOf("thenAccept")).isEmpty();
  }

  /** The stages are added in the request; a plain pool thread completes the future later. */
  private void stagesOfCapturedFuture(ThreadContext threadContext) throws Exception {
    CompletableFuture<String> upstream = new CompletableFuture<>();
    CompletableFuture<Void> last;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      last =
          threadContext
              .withContextCapture(upstream)
              .thenApply(v -> logged("thenApply"))
              .thenAccept(v -> log.info("thenAccept"));
    } finally {
      request.close();
    }
    pool.execute(() -> upstream.complete("done"));
    last.get(10, TimeUnit.SECONDS);
  }

  @Test
  void should_leave_the_workers_own_mdc_when_LogContext_is_unchanged() throws Exception {
    // docs/cdi.md, "Clearing or not propagating"
    ThreadContext unchanged =
        ThreadContext.builder()
            .propagated()
            .unchanged("LogContext")
            .cleared(ThreadContext.ALL_REMAINING)
            .build();
    ThreadContext propagated = ThreadContext.builder().build();
    Workers.pollute(pool, Map.of("worker_id", "w-1"));
    Runnable leftUnchanged;
    Runnable carried;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      leftUnchanged = unchanged.contextualRunnable(() -> log.info("unchanged"));
      carried = propagated.contextualRunnable(() -> log.info("propagated"));
    } finally {
      request.close();
    }
    pool.submit(leftUnchanged).get(10, TimeUnit.SECONDS);
    pool.submit(carried).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("unchanged")).containsExactly(entry("worker_id", "w-1"));
    assertThat(logs.mdcOf("propagated")).as("control").containsExactly(entry("request_id", "req-1"));
    assertThat(Workers.mdcOf(pool)).containsExactly(entry("worker_id", "w-1"));
  }

  @Test
  void should_restore_the_callers_later_mdc_when_run_on_the_callers_own_thread() {
    capturedThenRunOnOwnThread(ThreadContext.builder().build());

    assertThat(logs.mdcOf("own thread")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.mdcOf("caller after the task"))
        .containsOnly(entry("request_id", "req-2"), entry("user_id", "u-9"));
  }

  @Test
  void should_run_in_the_callers_later_mdc_on_its_own_thread_without_logctx() {
    capturedThenRunOnOwnThread(SmallRye.WITHOUT_LOGCTX.newThreadContextBuilder().build());

    assertThat(logs.mdcOf("own thread"))
        .as("negative control")
        .containsOnly(entry("request_id", "req-2"), entry("user_id", "u-9"));
  }

  /** Captured in req-1; run by the same thread later, when its MDC is req-2 and a user. */
  private static void capturedThenRunOnOwnThread(ThreadContext threadContext) {
    Runnable task;
    Scope first = LogContext.bind("request_id", "req-1");
    try {
      task =
          threadContext.contextualRunnable(
              () -> {
                log.info("own thread");
                MDC.put("added_by_task", "x");
                MDC.remove("user_id");
              });
    } finally {
      first.close();
    }
    Scope later = LogContext.bind(Map.of("request_id", "req-2", "user_id", "u-9"));
    try {
      task.run();
      log.info("caller after the task");
    } finally {
      later.close();
    }
  }

  @Test
  void should_give_both_threads_the_snapshot_when_one_task_runs_on_two_at_once()
      throws Exception {
    runOnTwoThreadsAtOnce(ThreadContext.builder().build());

    assertThat(logs.withMessage("concurrent"))
        .hasSize(2)
        .allSatisfy(
            e -> assertThat(e.mdc()).containsExactly(entry("request_id", "req-1")))
        .extracting(e -> e.thread())
        .doesNotHaveDuplicates();
    assertThat(Workers.mdcOf(pool)).isEmpty();
    assertThat(Workers.mdcOf(otherPool)).isEmpty();
  }

  @Test
  void should_give_neither_thread_the_mdc_when_run_on_two_at_once_without_logctx()
      throws Exception {
    runOnTwoThreadsAtOnce(SmallRye.WITHOUT_LOGCTX.newThreadContextBuilder().build());

    assertThat(logs.withMessage("concurrent"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.mdc()).isEmpty());
  }

  private void runOnTwoThreadsAtOnce(ThreadContext threadContext) throws Exception {
    CyclicBarrier bothInside = new CyclicBarrier(2);
    Runnable task;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      task =
          threadContext.contextualRunnable(
              () -> {
                try {
                  bothInside.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                log.info("concurrent");
                MDC.put("request_id", Thread.currentThread().getName());
              });
    } finally {
      request.close();
    }
    Future<?> first = pool.submit(task);
    Future<?> second = otherPool.submit(task);
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
  }
}
