package dev.logctx;

import static dev.logctx.ContextualTasks.createTaskWithContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every dependent stage of a future returned by the helpers runs in the context of the thread that
 * <em>adds</em> it (not the context the future was created in): sync stages on the completing
 * thread, async stages with and without an executor, stages added before and after completion,
 * from any thread, and with an empty MDC when the adder's MDC is empty.
 */
class ContextualFutureStagesTest {
  private static final Logger log = LoggerFactory.getLogger(ContextualFutureStagesTest.class);
  private static final Map<String, String> REQUEST_A = Map.of("request_id", "req-A");
  private static final Map<String, String> REQUEST_B = Map.of("request_id", "req-B", "user_id", "bob");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService taskPool;
  private ExecutorService stagePool;
  private ExecutorService otherThread;

  @BeforeEach
  void pools_with_stale_state() throws Exception {
    taskPool = Executors.newSingleThreadExecutor(r -> new Thread(r, "task-pool"));
    stagePool = Executors.newSingleThreadExecutor(r -> new Thread(r, "stage-pool"));
    otherThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "other-thread"));
    for (ExecutorService pool : List.of(taskPool, stagePool, otherThread)) {
      pool.submit(() -> MDC.put("request_id", "stale-" + Thread.currentThread().getName())).get();
    }
  }

  @AfterEach
  void cleanup() throws Exception {
    for (ExecutorService pool : List.of(taskPool, stagePool, otherThread)) {
      assertThat(Mdc.of(pool)).as("own state of %s", pool)
          .containsOnlyKeys("request_id")
          .doesNotContainValue("req-A")
          .doesNotContainValue("req-B");
      Mdc.shutdown(pool);
    }
    Mdc.assertTestThreadClean();
  }

  /** Every kind of dependent stage, each logging its own name. */
  private Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> allStages(
      Executor executor) {
    CompletableFuture<String> other = CompletableFuture.completedFuture("other");
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages =
        new LinkedHashMap<>();
    stages.put("thenApply", f -> f.thenApply(v -> logged("thenApply")));
    stages.put("thenApplyAsync", f -> f.thenApplyAsync(v -> logged("thenApplyAsync")));
    stages.put("thenApplyAsync(ex)", f -> f.thenApplyAsync(v -> logged("thenApplyAsync(ex)"), executor));
    stages.put("thenAccept", f -> f.thenAccept(v -> logged("thenAccept")));
    stages.put("thenAcceptAsync", f -> f.thenAcceptAsync(v -> logged("thenAcceptAsync")));
    stages.put("thenAcceptAsync(ex)", f -> f.thenAcceptAsync(v -> logged("thenAcceptAsync(ex)"), executor));
    stages.put("thenRun", f -> f.thenRun(() -> logged("thenRun")));
    stages.put("thenRunAsync", f -> f.thenRunAsync(() -> logged("thenRunAsync")));
    stages.put("thenRunAsync(ex)", f -> f.thenRunAsync(() -> logged("thenRunAsync(ex)"), executor));
    stages.put("thenCompose", f -> f.thenCompose(v -> CompletableFuture.completedFuture(logged("thenCompose"))));
    stages.put("thenComposeAsync", f -> f.thenComposeAsync(v -> CompletableFuture.completedFuture(logged("thenComposeAsync"))));
    stages.put("thenComposeAsync(ex)", f -> f.thenComposeAsync(v -> CompletableFuture.completedFuture(logged("thenComposeAsync(ex)")), executor));
    stages.put("handle", f -> f.handle((v, e) -> logged("handle")));
    stages.put("handleAsync", f -> f.handleAsync((v, e) -> logged("handleAsync")));
    stages.put("handleAsync(ex)", f -> f.handleAsync((v, e) -> logged("handleAsync(ex)"), executor));
    stages.put("whenComplete", f -> f.whenComplete((v, e) -> logged("whenComplete")));
    stages.put("whenCompleteAsync", f -> f.whenCompleteAsync((v, e) -> logged("whenCompleteAsync")));
    stages.put("whenCompleteAsync(ex)", f -> f.whenCompleteAsync((v, e) -> logged("whenCompleteAsync(ex)"), executor));
    stages.put("thenCombine", f -> f.thenCombine(other, (a, b) -> logged("thenCombine")));
    stages.put("thenCombineAsync", f -> f.thenCombineAsync(other, (a, b) -> logged("thenCombineAsync")));
    stages.put("thenCombineAsync(ex)", f -> f.thenCombineAsync(other, (a, b) -> logged("thenCombineAsync(ex)"), executor));
    stages.put("thenAcceptBoth", f -> f.thenAcceptBoth(other, (a, b) -> logged("thenAcceptBoth")));
    stages.put("thenAcceptBothAsync", f -> f.thenAcceptBothAsync(other, (a, b) -> logged("thenAcceptBothAsync")));
    stages.put("thenAcceptBothAsync(ex)", f -> f.thenAcceptBothAsync(other, (a, b) -> logged("thenAcceptBothAsync(ex)"), executor));
    stages.put("runAfterBoth", f -> f.runAfterBoth(other, () -> logged("runAfterBoth")));
    stages.put("runAfterBothAsync", f -> f.runAfterBothAsync(other, () -> logged("runAfterBothAsync")));
    stages.put("runAfterBothAsync(ex)", f -> f.runAfterBothAsync(other, () -> logged("runAfterBothAsync(ex)"), executor));
    CompletableFuture<String> never = new CompletableFuture<>();
    stages.put("applyToEither", f -> f.applyToEither(never, v -> logged("applyToEither")));
    stages.put("applyToEitherAsync", f -> f.applyToEitherAsync(never, v -> logged("applyToEitherAsync")));
    stages.put("applyToEitherAsync(ex)", f -> f.applyToEitherAsync(never, v -> logged("applyToEitherAsync(ex)"), executor));
    stages.put("acceptEither", f -> f.acceptEither(never, v -> logged("acceptEither")));
    stages.put("acceptEitherAsync", f -> f.acceptEitherAsync(never, v -> logged("acceptEitherAsync")));
    stages.put("acceptEitherAsync(ex)", f -> f.acceptEitherAsync(never, v -> logged("acceptEitherAsync(ex)"), executor));
    stages.put("runAfterEither", f -> f.runAfterEither(never, () -> logged("runAfterEither")));
    stages.put("runAfterEitherAsync", f -> f.runAfterEitherAsync(never, () -> logged("runAfterEitherAsync")));
    stages.put("runAfterEitherAsync(ex)", f -> f.runAfterEitherAsync(never, () -> logged("runAfterEitherAsync(ex)"), executor));
    stages.put("chained thenApply.thenApplyAsync(ex)", f -> f.thenApply(v -> v).thenApplyAsync(v -> logged("chained thenApply.thenApplyAsync(ex)"), executor));
    return stages;
  }

  /** Stages that run only on failure. */
  private Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> failureStages(
      Executor executor) {
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages =
        new LinkedHashMap<>();
    stages.put("exceptionally", f -> f.exceptionally(e -> logged("exceptionally")));
    stages.put("exceptionallyAsync", f -> f.exceptionallyAsync(e -> logged("exceptionallyAsync")));
    stages.put("exceptionallyAsync(ex)", f -> f.exceptionallyAsync(e -> logged("exceptionallyAsync(ex)"), executor));
    stages.put("exceptionallyCompose", f -> f.exceptionallyCompose(e -> CompletableFuture.completedFuture(logged("exceptionallyCompose"))));
    stages.put("exceptionallyComposeAsync", f -> f.exceptionallyComposeAsync(e -> CompletableFuture.completedFuture(logged("exceptionallyComposeAsync"))));
    stages.put("exceptionallyComposeAsync(ex)", f -> f.exceptionallyComposeAsync(e -> CompletableFuture.completedFuture(logged("exceptionallyComposeAsync(ex)")), executor));
    stages.put("handle on failure", f -> f.handle((v, e) -> logged("handle on failure")));
    stages.put("whenCompleteAsync(ex) on failure", f -> f.whenCompleteAsync((v, e) -> logged("whenCompleteAsync(ex) on failure"), executor));
    return stages;
  }

  private static String logged(String stage) {
    log.info(stage);
    return stage;
  }

  private void assertAllRanIn(Map<String, String> expected, List<String> names) {
    for (String name : names) {
      CapturedLog.Line line = logs.line(name);
      assertThat(line.mdc()).as("%s ran on %s: %s", name, line.thread(), line).isEqualTo(expected);
    }
  }

  /** A future of request A: created by a helper while request A's id is bound. */
  private CompletableFuture<String> futureOfRequestA(Callable<String> body, String name) {
    try (Scope scope = LogContext.bind(REQUEST_A)) {
      return createTaskWithContext(body, name, taskPool);
    }
  }

  @Test
  void stages_added_before_completion_run_in_the_context_of_the_thread_that_added_them()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> task = futureOfRequestA(() -> {
      release.await(10, TimeUnit.SECONDS);
      return "result";
    }, "slow-task");
    List<CompletionStage<?>> results = new ArrayList<>();
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages = allStages(stagePool);
    try (Scope scope = LogContext.bind(REQUEST_B)) { // request B reuses request A's future
      stages.values().forEach(stage -> results.add(stage.apply(task)));
    }
    release.countDown(); // sync stages now run on task-pool, whose own MDC is stale
    for (CompletionStage<?> result : results) {
      result.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertAllRanIn(REQUEST_B, new ArrayList<>(stages.keySet()));
    // a sync stage runs on whichever thread completes it (CompletableFuture lets the threads that
    // complete dependents help each other): never a thread that carries B's MDC itself
    assertThat(logs.line("thenApply").thread()).isNotEqualTo(Thread.currentThread().getName());
    assertThat(logs.line("thenApplyAsync(ex)").thread()).isEqualTo("stage-pool");
  }

  @Test
  void stages_added_after_completion_from_another_thread_run_in_that_threads_context()
      throws Exception {
    CompletableFuture<String> task = futureOfRequestA(() -> "result", "quick-task");
    task.get(10, TimeUnit.SECONDS);
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages = allStages(stagePool);
    otherThread.submit(() -> {
      try (Scope scope = LogContext.bind(REQUEST_B)) {
        for (Function<CompletableFuture<String>, CompletionStage<?>> stage : stages.values()) {
          stage.apply(task).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
      }
      return null;
    }).get(30, TimeUnit.SECONDS);
    assertAllRanIn(REQUEST_B, new ArrayList<>(stages.keySet()));
    assertThat(logs.line("thenApply").thread()).isEqualTo("other-thread");
  }

  @Test
  void stages_added_where_the_mdc_is_empty_run_with_an_empty_mdc() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> task = futureOfRequestA(() -> {
      release.await(10, TimeUnit.SECONDS);
      return "result";
    }, "slow-task");
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages = allStages(stagePool);
    List<CompletionStage<?>> results = new ArrayList<>();
    stages.values().forEach(stage -> results.add(stage.apply(task))); // the test thread: empty MDC
    release.countDown();
    for (CompletionStage<?> result : results) {
      result.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    // neither request A's id nor the stale ids the pool threads hold
    assertAllRanIn(Map.of(), new ArrayList<>(stages.keySet()));
  }

  @Test
  void failure_stages_run_in_the_context_of_the_thread_that_added_them() throws Exception {
    CompletableFuture<String> task = futureOfRequestA(() -> {
      throw new IllegalStateException("boom");
    }, "failing-task");
    Map<String, Function<CompletableFuture<String>, CompletionStage<?>>> stages =
        failureStages(stagePool);
    otherThread.submit(() -> {
      try (Scope scope = LogContext.bind(REQUEST_B)) {
        for (Function<CompletableFuture<String>, CompletionStage<?>> stage : stages.values()) {
          stage.apply(task).toCompletableFuture().handle((v, e) -> v).get(10, TimeUnit.SECONDS);
        }
      }
      return null;
    }).get(30, TimeUnit.SECONDS);
    assertAllRanIn(REQUEST_B, new ArrayList<>(stages.keySet()));
  }

  @Test
  void a_future_completed_from_outside_runs_its_stages_in_the_adders_context() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<String> task = futureOfRequestA(() -> {
      never.await(10, TimeUnit.SECONDS);
      return "late";
    }, "never-done");
    CompletableFuture<String> stage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      stage = task.thenApply(v -> logged("after outside completion"));
    }
    otherThread.submit(() -> task.complete("from outside")).get(10, TimeUnit.SECONDS);
    assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("after outside completion");
    assertAllRanIn(REQUEST_B, List.of("after outside completion"));
    assertThat(logs.line("after outside completion").thread()).isEqualTo("other-thread");
    never.countDown();
  }

  @Test
  void should_not_carry_the_context_in_stages_of_a_plain_future() throws Exception {
    CompletableFuture<String> plain;
    try (Scope scope = LogContext.bind(REQUEST_A)) {
      plain = CompletableFuture.supplyAsync(() -> "x", taskPool);
    }
    plain.get(10, TimeUnit.SECONDS);
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      plain.thenApplyAsync(v -> logged("plain stage"), stagePool).get(10, TimeUnit.SECONDS);
    }
    assertThat(logs.line("plain stage").mdc()).isEqualTo(Map.of("request_id", "stale-stage-pool"));
  }
}
