package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * MicroProfile {@code ManagedExecutor} (SmallRye Context Propagation, standalone) with logctx's
 * provider found by the service loader, nothing registered by hand. Each propagation test has a
 * negative control: the same work through SmallRye without logctx's provider.
 */
class ManagedExecutorTest {
  private static final Logger log = LoggerFactory.getLogger(ManagedExecutorTest.class);

  private CapturedLog logs;
  private ExecutorService pool;

  @BeforeEach
  void capture_logs_and_start_the_pool() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    pool = Workers.singleThread("managed");
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.stop(pool);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_carry_the_mdc_with_the_default_builder() throws Exception {
    // docs/cdi.md, "ManagedExecutor"
    ManagedExecutor executor = ManagedExecutor.builder().build();
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      executor.runAsync(() -> log.info("background step")).get(10, TimeUnit.SECONDS);
    } finally {
      request.close();
    }
    executor.shutdown();

    assertThat(logs.mdcOf("background step")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("background step")).isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void should_carry_the_mdc_into_runAsync_and_supplyAsync() throws Exception {
    runAndSupply(SmallRye.onPool(ManagedExecutor.builder(), pool).build());

    for (String line : List.of("runAsync", "supplyAsync")) {
      assertThat(logs.mdcOf(line)).as(line).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.threadOf(line)).startsWith("managed");
    }
    assertThat(Workers.mdcOf(pool)).as("worker MDC after the tasks").isEmpty();
  }

  @Test
  void should_not_carry_the_mdc_into_runAsync_and_supplyAsync_without_logctx() throws Exception {
    runAndSupply(SmallRye.onPool(SmallRye.WITHOUT_LOGCTX.newManagedExecutorBuilder(), pool).build());

    assertThat(logs.mdcOf("runAsync")).isEmpty();
    assertThat(logs.mdcOf("supplyAsync")).isEmpty();
  }

  private static void runAndSupply(ManagedExecutor executor) throws Exception {
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      executor.runAsync(() -> log.info("runAsync")).get(10, TimeUnit.SECONDS);
      executor
          .supplyAsync(
              () -> {
                log.info("supplyAsync");
                return 1;
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      request.close();
    }
  }

  private static final List<String> STAGES =
      List.of(
          "first",
          "thenApply",
          "thenApplyAsync",
          "thenAccept",
          "thenCompose",
          "thenCombine",
          "whenComplete",
          "throwing stage",
          "handle",
          "exceptionally");

  @Test
  void should_carry_the_mdc_into_every_dependent_stage() throws Exception {
    chainOfStages(SmallRye.onPool(ManagedExecutor.builder(), pool).build());

    for (String stage : STAGES) {
      assertThat(logs.mdcOf(stage)).as(stage).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.threadOf(stage)).as(stage).startsWith("managed");
    }
    assertThat(Workers.mdcOf(pool)).isEmpty();
  }

  @Test
  void should_not_carry_the_mdc_into_dependent_stages_without_logctx() throws Exception {
    chainOfStages(SmallRye.onPool(SmallRye.WITHOUT_LOGCTX.newManagedExecutorBuilder(), pool).build());

    for (String stage : STAGES) {
      assertThat(logs.mdcOf(stage)).as(stage).isEmpty();
    }
  }

  /** Every stage is added on the request thread before the first completes on the worker. */
  private static void chainOfStages(ManagedExecutor executor) throws Exception {
    CountDownLatch stagesAdded = new CountDownLatch(1);
    CompletableFuture<Void> last;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      CompletableFuture<String> first =
          executor.supplyAsync(
              () -> {
                await(stagesAdded);
                log.info("first");
                return "a";
              });
      last =
          first
              .thenApply(v -> logged("thenApply", v))
              .thenApplyAsync(v -> logged("thenApplyAsync", v))
              .thenCompose(v -> executor.supplyAsync(() -> logged("thenCompose", v)))
              .thenCombine(executor.completedFuture("b"), (v, w) -> logged("thenCombine", v + w))
              .whenComplete((v, failure) -> log.info("whenComplete"))
              .<String>thenApply(
                  v -> {
                    log.info("throwing stage");
                    throw new IllegalStateException("to reach exceptionally");
                  })
              .exceptionally(failure -> logged("exceptionally", "recovered"))
              .handle((v, failure) -> logged("handle", v))
              .thenAccept(v -> log.info("thenAccept"));
    } finally {
      request.close();
    }
    stagesAdded.countDown();
    last.get(10, TimeUnit.SECONDS);
  }

  private static String logged(String stage, String value) {
    log.info(stage);
    return value;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void should_run_with_an_empty_mdc_when_every_context_is_cleared() throws Exception {
    // Without CDI there is no Application context provider: name none, clear the rest.
    ManagedExecutor executor =
        SmallRye.onPool(
                ManagedExecutor.builder().propagated().cleared(ThreadContext.ALL_REMAINING), pool)
            .build();

    runOnPollutedWorker(executor, "all cleared");

    assertThat(logs.mdcOf("all cleared")).isEmpty();
    assertThat(Workers.mdcOf(pool))
        .as("the worker's own MDC is back")
        .containsExactly(entry("stale", "left-over"));
  }

  @Test
  void should_run_with_an_empty_mdc_when_LogContext_is_cleared() throws Exception {
    // docs/cdi.md, "Clearing or not propagating"
    ManagedExecutor executor = ManagedExecutor.builder().cleared("LogContext").build();
    try {
      Scope request = LogContext.bind("request_id", "req-1");
      try {
        executor.runAsync(() -> log.info("LogContext cleared")).get(10, TimeUnit.SECONDS);
      } finally {
        request.close();
      }
    } finally {
      executor.shutdown();
    }

    assertThat(logs.mdcOf("LogContext cleared")).isEmpty();
  }

  @Test
  void should_hide_a_pooled_threads_stale_mdc_when_LogContext_is_cleared() throws Exception {
    ManagedExecutor executor =
        SmallRye.onPool(ManagedExecutor.builder().cleared("LogContext"), pool).build();

    runOnPollutedWorker(executor, "LogContext cleared on a polluted worker");

    assertThat(logs.mdcOf("LogContext cleared on a polluted worker")).isEmpty();
  }

  @Test
  void should_leave_a_pooled_threads_stale_mdc_when_cleared_without_logctx() throws Exception {
    ManagedExecutor executor =
        SmallRye.onPool(
                SmallRye.WITHOUT_LOGCTX
                    .newManagedExecutorBuilder()
                    .propagated()
                    .cleared(ThreadContext.ALL_REMAINING),
                pool)
            .build();

    runOnPollutedWorker(executor, "cleared without logctx");

    assertThat(logs.mdcOf("cleared without logctx"))
        .as("negative control")
        .containsExactly(entry("stale", "left-over"));
  }

  /** The worker holds a stale entry, as after a leaky task; the caller has its own request id. */
  private void runOnPollutedWorker(ManagedExecutor executor, String line) throws Exception {
    Workers.pollute(pool, Map.of("stale", "left-over"));
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      executor.runAsync(() -> log.info(line)).get(10, TimeUnit.SECONDS);
    } finally {
      request.close();
    }
  }

  @Test
  void should_leave_the_worker_mdc_empty_after_every_task() throws Exception {
    ManagedExecutor executor = SmallRye.onPool(ManagedExecutor.builder(), pool).build();

    List<Map<String, String>> afterEachTask = leakyTasks(executor);

    assertThat(afterEachTask).hasSize(3).allSatisfy(mdc -> assertThat(mdc).isEmpty());
    List<CapturedLog.Line> seen = logs.withMessage("leaky task");
    assertThat(seen)
        .extracting(CapturedLog.Line::mdc)
        .containsExactly(
            Map.of("request_id", "req-0"), Map.of("request_id", "req-1"), Map.of("request_id", "req-2"));
  }

  @Test
  void should_leave_a_task_mdc_on_the_worker_without_logctx() throws Exception {
    ManagedExecutor executor =
        SmallRye.onPool(SmallRye.WITHOUT_LOGCTX.newManagedExecutorBuilder(), pool).build();

    List<Map<String, String>> afterEachTask = leakyTasks(executor);

    assertThat(afterEachTask).as("negative control").allSatisfy(mdc -> assertThat(mdc).containsKey("leaked"));
  }

  /** Three tasks that each put a key they never remove; the worker's MDC after each. */
  private List<Map<String, String>> leakyTasks(ManagedExecutor executor) throws Exception {
    List<Map<String, String>> afterEachTask = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Scope request = LogContext.bind("request_id", "req-" + i);
      try {
        executor
            .runAsync(
                () -> {
                  log.info("leaky task");
                  MDC.put("leaked", "by-task");
                })
            .get(10, TimeUnit.SECONDS);
      } finally {
        request.close();
      }
      afterEachTask.add(Workers.mdcOf(pool));
    }
    return afterEachTask;
  }
}
