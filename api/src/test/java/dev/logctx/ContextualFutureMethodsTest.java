package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.internal.ContextualFutures;
import dev.logctx.testsupport.CapturedLog;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The {@code CompletableFuture} methods beyond the stage methods: timeouts, copies, the minimal
 * stage, {@code completeAsync}, {@code newIncompleteFuture}, and {@code withContextCapture} for
 * futures made elsewhere. Each stage runs in the context of the thread that added it.
 */
class ContextualFutureMethodsTest {
  private static final Logger log = LoggerFactory.getLogger(ContextualFutureMethodsTest.class);
  private static final Map<String, String> REQUEST_A = Map.of("request_id", "req-A");
  private static final Map<String, String> REQUEST_B = Map.of("request_id", "req-B");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService taskPool;
  private ExecutorService stalePool;

  @BeforeEach
  void pools_with_stale_state() throws Exception {
    taskPool = Executors.newSingleThreadExecutor(r -> new Thread(r, "task-pool"));
    stalePool = Executors.newSingleThreadExecutor(r -> new Thread(r, "stale-pool"));
    for (ExecutorService pool : List.of(taskPool, stalePool)) {
      pool.submit(() -> MDC.put("request_id", "stale")).get(10, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void cleanup() throws Exception {
    for (ExecutorService pool : List.of(taskPool, stalePool)) {
      assertThat(Mdc.of(pool)).isEqualTo(Map.of("request_id", "stale"));
      Mdc.shutdown(pool);
    }
    Mdc.assertTestThreadClean();
  }

  private static String logged(String message) {
    log.info(message);
    return message;
  }

  /** A contextual future of request A that completes when {@code release} opens. */
  private CompletableFuture<String> pendingOfRequestA(CountDownLatch release) {
    try (Scope scope = LogContext.bind(REQUEST_A)) {
      return ContextualTasks.createTaskWithContext(
          () -> {
            release.await(10, TimeUnit.SECONDS);
            return "done";
          },
          "pending",
          taskPool);
    }
  }

  @Test
  void or_timeout_failure_stages_run_in_the_adders_context() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<String> task = pendingOfRequestA(never);
    CompletableFuture<String> handled;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      handled =
          task.orTimeout(20, TimeUnit.MILLISECONDS)
              .exceptionally(e -> logged("timed out: " + e.getClass().getSimpleName()));
    }
    assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("timed out: TimeoutException");
    assertThat(logs.line("timed out: TimeoutException").mdc()).isEqualTo(REQUEST_B);
    never.countDown();
  }

  @Test
  void complete_on_timeout_stages_run_in_the_adders_context() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<String> task = pendingOfRequestA(never);
    CompletableFuture<String> after;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      after =
          task.completeOnTimeout("fallback", 20, TimeUnit.MILLISECONDS)
              .thenApply(v -> logged("after " + v));
    }
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("after fallback");
    assertThat(logs.line("after fallback").mdc()).isEqualTo(REQUEST_B);
    never.countDown();
  }

  @Test
  void a_copy_is_contextual_and_its_stages_run_in_the_adders_context() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> copy = pendingOfRequestA(release).copy();
    CompletableFuture<String> stage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      stage = copy.thenApplyAsync(v -> logged("on the copy"), stalePool);
    }
    release.countDown();
    stage.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("on the copy").mdc()).isEqualTo(REQUEST_B);
  }

  @Test
  void the_minimal_stage_is_contextual_and_read_only() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletionStage<String> minimal = pendingOfRequestA(release).minimalCompletionStage();
    CompletionStage<String> stage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      stage = minimal.thenApplyAsync(v -> logged("on the minimal stage"), stalePool);
    }
    CompletableFuture<String> full = minimal.toCompletableFuture();
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      full = full.thenApply(v -> logged("on its full future"));
    }
    release.countDown();
    assertThat(full.get(10, TimeUnit.SECONDS)).isEqualTo("on its full future");
    assertThat(stage.toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isEqualTo("on the minimal stage");
    assertThat(logs.line("on the minimal stage").mdc()).isEqualTo(REQUEST_B);
    assertThat(logs.line("on its full future").mdc()).isEqualTo(REQUEST_B);
    CompletableFuture<String> asFuture = (CompletableFuture<String>) minimal;
    assertThatThrownBy(() -> asFuture.complete("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(asFuture::join).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> asFuture.cancel(false))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void complete_async_runs_the_supplier_in_the_callers_context() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<String> withExecutor = pendingOfRequestA(never);
    CompletableFuture<String> withDefault = pendingOfRequestA(never);
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      withExecutor.completeAsync(() -> logged("completeAsync on the stale pool"), stalePool);
      withDefault.completeAsync(() -> logged("completeAsync on the default executor"));
    }
    assertThat(withExecutor.get(10, TimeUnit.SECONDS)).isEqualTo("completeAsync on the stale pool");
    assertThat(withDefault.get(10, TimeUnit.SECONDS))
        .isEqualTo("completeAsync on the default executor");
    assertThat(logs.line("completeAsync on the stale pool").mdc()).isEqualTo(REQUEST_B);
    assertThat(logs.line("completeAsync on the stale pool").thread()).isEqualTo("stale-pool");
    assertThat(logs.line("completeAsync on the default executor").mdc()).isEqualTo(REQUEST_B);
    never.countDown();
  }

  @Test
  void a_new_incomplete_future_is_contextual() throws Exception {
    CompletableFuture<String> task = pendingOfRequestA(new CountDownLatch(0));
    CompletableFuture<String> fresh = task.newIncompleteFuture();
    CompletableFuture<String> stage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      stage = fresh.thenApply(v -> logged("on the new future"));
    }
    stalePool.submit(() -> fresh.complete("x")).get(10, TimeUnit.SECONDS);
    stage.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("on the new future").mdc()).isEqualTo(REQUEST_B);
    assertThat(logs.line("on the new future").thread()).isEqualTo("stale-pool");
    assertThat(fresh.defaultExecutor()).isSameAs(ContextualTasks.defaultExecutor());
  }

  // --- withContextCapture: futures made elsewhere ----------------------------------------------

  /** A framework's future: plain, but with its own default executor, like a managed executor's. */
  private static final class FrameworkFuture<T> extends CompletableFuture<T> {
    private final Executor managed;

    FrameworkFuture(Executor managed) {
      this.managed = managed;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new FrameworkFuture<>(managed);
    }

    @Override
    public Executor defaultExecutor() {
      return managed;
    }
  }

  @Test
  void with_context_capture_runs_stages_of_a_foreign_future_in_the_adders_context()
      throws Exception {
    CompletableFuture<String> foreign = new CompletableFuture<>();
    CompletableFuture<String> captured;
    CompletableFuture<String> stage;
    CompletableFuture<String> plainStage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      captured = ContextualTasks.withContextCapture(foreign);
      stage = captured.thenApply(v -> logged("captured stage"));
      plainStage = foreign.thenApply(v -> logged("plain stage")); // negative control
    }
    stalePool.submit(() -> foreign.complete("response")).get(10, TimeUnit.SECONDS);
    stage.get(10, TimeUnit.SECONDS);
    plainStage.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("captured stage").mdc()).isEqualTo(REQUEST_B);
    assertThat(logs.line("captured stage").thread()).isEqualTo("stale-pool");
    assertThat(logs.line("plain stage").mdc()).isEqualTo(Map.of("request_id", "stale"));
  }

  @Test
  void with_context_capture_keeps_the_default_executor_of_the_future_it_follows()
      throws Exception {
    FrameworkFuture<String> foreign = new FrameworkFuture<>(stalePool);
    CompletableFuture<String> stage;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      stage = ContextualTasks.withContextCapture(foreign).thenApplyAsync(v -> logged("async"));
    }
    foreign.complete("x");
    stage.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("async").thread()).isEqualTo("stale-pool");
    assertThat(logs.line("async").mdc()).isEqualTo(REQUEST_B);
  }

  @Test
  void with_context_capture_of_a_plain_stage_uses_the_default_executor() throws Exception {
    CompletableFuture<String> done = CompletableFuture.completedFuture("x");
    @SuppressWarnings("unchecked")
    CompletionStage<String> stage = // a stage that is not a CompletableFuture (a driver's own type)
        (CompletionStage<String>)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CompletionStage.class},
                (proxy, method, args) -> method.invoke(done, args));
    assertThat(stage instanceof CompletableFuture).isFalse();
    assertThat(ContextualTasks.withContextCapture(stage).defaultExecutor())
        .isSameAs(ContextualTasks.defaultExecutor());
  }

  @Test
  void with_context_capture_is_idempotent_and_does_not_cancel_the_shared_future() {
    CompletableFuture<String> shared = new CompletableFuture<>();
    CompletableFuture<String> captured = ContextualTasks.withContextCapture(shared);
    assertThat(ContextualTasks.withContextCapture(captured)).isSameAs(captured);
    CompletableFuture<String> task = ContextualTasks.createTaskWithContext(() -> "x");
    assertThat(ContextualTasks.withContextCapture(task)).isSameAs(task);

    assertThat(captured.cancel(false)).isTrue();
    assertThat(shared.isCancelled()).isFalse();
    assertThatThrownBy(captured::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void with_context_capture_of_a_contextual_minimal_stage_gives_a_readable_future()
      throws Exception {
    CompletionStage<String> minimal =
        ContextualTasks.createTaskWithContext(() -> "x").minimalCompletionStage();
    CompletableFuture<String> captured = ContextualTasks.withContextCapture(minimal);
    assertThat(captured.get(10, TimeUnit.SECONDS)).isEqualTo("x");
    assertThat(captured.isDone()).isTrue();
  }

  @Test
  void with_context_capture_passes_failures_through() throws Exception {
    CompletableFuture<String> foreign = new CompletableFuture<>();
    CompletableFuture<String> captured = ContextualTasks.withContextCapture(foreign);
    foreign.completeExceptionally(new TimeoutException("slow backend"));
    assertThatThrownBy(() -> captured.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class)
        .hasRootCauseMessage("slow backend");
  }

  // --- cancelling what an intercepted method returned (every @PreserveContext advice) ----------

  /** What the caller of a {@code @PreserveContext} method declared as a stage gets back. */
  @SuppressWarnings("unchecked")
  private static CompletableFuture<String> forCaller(CompletionStage<String> returned) {
    return (CompletableFuture<String>)
        ContextualFutures.forCaller(
            returned, CompletionStage.class, ContextualTasks.defaultExecutor());
  }

  @Test
  void cancelling_the_callers_future_of_a_returned_minimal_stage_does_not_throw()
      throws Exception {
    CompletableFuture<String> own = new CompletableFuture<>();
    CompletableFuture<String> returned;
    CompletableFuture<String> handled;
    try (Scope scope = LogContext.bind(REQUEST_B)) {
      returned = forCaller(own.minimalCompletionStage());
      handled =
          returned.exceptionally(e -> logged("after cancel: " + e.getClass().getSimpleName()));
    }
    assertThat(stalePool.submit(() -> returned.cancel(true)).get(10, TimeUnit.SECONDS)).isTrue();

    assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("after cancel: CancellationException");
    assertThat(logs.line("after cancel: CancellationException").mdc()).isEqualTo(REQUEST_B);
    assertThat(logs.line("after cancel: CancellationException").thread()).isEqualTo("stale-pool");
    assertThat(returned.isCancelled()).isTrue();
    assertThat(own.isCancelled()).as("a read-only stage cannot be cancelled through").isFalse();
    // the JDK without logctx: the caller's future of a minimal stage cancels quietly too
    assertThat(own.minimalCompletionStage().toCompletableFuture().cancel(true)).isTrue();
  }

  @Test
  void cancelling_the_callers_future_cancels_the_methods_own_future_where_it_can_be() {
    CompletableFuture<String> own = new CompletableFuture<>();
    FrameworkFuture<String> framework = new FrameworkFuture<>(stalePool);
    CompletableFuture<String> contextual = ContextualTasks.createTaskWithContext(() -> "x");

    assertThat(forCaller(own).cancel(true)).isTrue();
    assertThat(forCaller(framework).cancel(false)).isTrue();

    assertThat(own.isCancelled()).isTrue();
    assertThat(framework.isCancelled()).isTrue();
    assertThat(forCaller(contextual))
        .as("a contextual future is returned as it is")
        .isSameAs(contextual);
  }

  @Test
  void cancel_never_throws_whatever_the_method_returned() {
    CompletableFuture<String> refusing =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            throw new UnsupportedOperationException("this future cannot be cancelled");
          }
        };
    CompletableFuture<String> own = new CompletableFuture<>();
    CompletionStage<String> contextualMinimal =
        ContextualTasks.withContextCapture(own).minimalCompletionStage();

    for (CompletableFuture<String> caller :
        List.of(
            forCaller(refusing),
            forCaller(contextualMinimal),
            forCaller(own.minimalCompletionStage()),
            ContextualTasks.withContextCapture(own.minimalCompletionStage()))) {
      assertThat(caller.cancel(true)).as("%s", caller).isTrue();
      assertThat(caller.isCancelled()).isTrue();
    }
    assertThat(refusing.isCancelled()).isFalse();
    assertThat(own.isCancelled()).isFalse();
  }

  @Test
  void with_context_capture_rejects_null() {
    assertThatThrownBy(() -> ContextualTasks.withContextCapture(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stage");
  }
}
