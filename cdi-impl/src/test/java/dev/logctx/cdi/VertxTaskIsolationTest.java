package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.cdi.internal.VertxTaskIsolation;
import dev.logctx.internal.TaskIsolation;
import dev.logctx.testsupport.CapturedLog;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The mechanism behind copy semantics inside Quarkus, on a real Vert.x: work handed over to
 * another thread (or to another Vert.x context) runs on a nested duplicated context of its own (so
 * an MDC kept in the context, as Quarkus keeps it, is the task's own), with the parent's other
 * locals copied, and the thread goes back to the request's context afterwards. Work that runs on
 * the thread and the Vert.x context where it was handed over — a synchronous {@code
 * @PreserveContext} call, a context provider's task begun where it was captured — runs in place:
 * the Vert.x locals it writes stay with the request. A task on a root (non-duplicated) context
 * runs on a duplicate of that root. The Quarkus end-to-end proof is in quarkus-demo ({@code
 * CopySemanticsInQuarkusTest}, {@code SynchronousWorkKeepsVertxLocalsTest}, {@code
 * TasksOnRootVertxContextsKeepTheRequestIdTest}).
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertxTaskIsolationTest {
  /** Where Quarkus 3.33's {@code VertxMDC} keeps the MDC map in a context's local data. */
  private static final String QUARKUS_MDC_KEY = "io.quarkus.vertx.core.runtime.VertxMDC";

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private Vertx vertx;
  private ContextInternal request;
  private ExecutorService pool;
  /** Runs tasks on the request's duplicated context, as Quarkus' worker pool does. */
  private Executor onRequestContext;
  private CapturedLog logs;

  @BeforeEach
  void a_request_on_a_duplicated_context() {
    vertx = Vertx.vertx();
    request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    ((Context) request).putLocal("trace", "trace-of-the-request");
    pool = Workers.singleThread("vertx-worker");
    onRequestContext = task -> pool.execute(() -> onRequestContext(task::run));
    logs = CapturedLog.ofLoggers("dev.logctx").install();
  }

  @AfterEach
  void stop() throws Exception {
    logs.close();
    Workers.stop(pool);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(Vertx.currentContext()).isNull();
    assertThat(Workers.mdcLeftOnThisThread()).isEmpty();
  }

  @Test
  void the_vertx_provider_is_the_one_in_use() {
    assertThat(TaskIsolation.providerName()).isEqualTo(VertxTaskIsolation.class.getName());
  }

  @Test
  void a_task_runs_on_a_nested_context_with_the_parents_locals_and_the_thread_goes_back() {
    onRequestContext(
        () -> {
          try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
            Context inTask = Vertx.currentContext();
            assertThat(inTask).isNotSameAs(request);
            assertThat(VertxContext.isDuplicatedContext(inTask)).isTrue();
            assertThat(inTask.<Object>getLocal(VertxContext.PARENT_CONTEXT)).isSameAs(request);
            assertThat(inTask.<String>getLocal("trace")).isEqualTo("trace-of-the-request");
            inTask.putLocal("written-by-task", "x");
          }
          assertThat(Vertx.currentContext()).isSameAs(request);
          assertThat(((Context) request).<String>getLocal("written-by-task")).isNull();
        });
  }

  @Test
  void tasks_handed_to_a_pool_on_the_request_context_each_get_their_own_context() throws Exception {
    Context seenWithLogctx;
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      seenWithLogctx =
          ContextualTasks.runInExecutorWithContext(onRequestContext, Vertx::currentContext)
              .get(10, TimeUnit.SECONDS);
    }
    CompletableFuture<Context> plain = new CompletableFuture<>();
    onRequestContext.execute(() -> plain.complete(Vertx.currentContext()));

    assertThat(seenWithLogctx).isNotSameAs(request);
    assertThat(seenWithLogctx.<Object>getLocal(VertxContext.PARENT_CONTEXT)).isSameAs(request);
    // negative control: without logctx the task shares the request's context (and its MDC)
    assertThat(plain.get(10, TimeUnit.SECONDS)).isSameAs(request);
  }

  @Test
  void a_tasks_mdc_writes_do_not_reach_the_map_quarkus_keeps_in_the_request_context() {
    // Quarkus 3.33's VertxMDC keeps the MDC in the context's local data under its class name; a
    // nested context copies local entries, so without care the task would write the very same map.
    Map<String, Object> requestMdc = new ConcurrentHashMap<>(Map.of("request_id", "req-1"));
    ((Context) request).putLocal(QUARKUS_MDC_KEY, requestMdc);
    Map<String, Object> inTask =
        onRequestContext(
            () -> {
              try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
                quarkusMdcPut("request_id", "child");
                assertThat(Vertx.currentContext().<String>getLocal("trace"))
                    .isEqualTo("trace-of-the-request");
                return Map.copyOf(quarkusMdc());
              }
            });

    assertThat(inTask).as("the task's own MDC map").containsExactly(entry("request_id", "child"));
    assertThat(requestMdc)
        .as("the request's MDC map after its task wrote its own")
        .containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void threads_without_a_vertx_context_are_left_alone() {
    try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
      assertThat(Vertx.currentContext()).isNull();
    }
  }

  @Test
  void a_task_on_a_root_context_runs_on_a_duplicate_of_that_root_and_the_thread_goes_back() {
    // Quarkus keeps no MDC on a root context: its VertxMDC makes a new duplicated context, with a
    // new empty map, on every access there. The task needs a duplicated context of its own.
    ContextInternal root = request.unwrap();
    Map<String, Object> inTask =
        on(
            root,
            () -> {
              LogContext task = LogContext.of(Map.of("request_id", "req-1"));
              Map<String, Object> mdc;
              try (Scope scope = TaskIsolation.attach(task)) {
                Context current = Vertx.currentContext();
                assertThat(VertxContext.isDuplicatedContext(current))
                    .as("the task runs on a duplicated context")
                    .isTrue();
                assertThat(VertxContext.getRootContext(current)).isSameAs(root);
                quarkusMdcPut("request_id", "req-1");
                mdc = Map.copyOf(quarkusMdc());
              }
              assertThat(Vertx.currentContext()).as("back on the root").isSameAs(root);
              return mdc;
            });

    assertThat(inTask).as("the task's MDC map").containsExactly(entry("request_id", "req-1"));
    assertThat(((Context) root).<Object>getLocal(QUARKUS_MDC_KEY))
        .as("nothing written on the root context")
        .isNull();
  }

  @Test
  void a_wrapped_task_run_by_a_root_contexts_event_loop_runs_on_a_duplicate_of_that_root()
      throws Exception {
    ContextInternal root = request.unwrap();
    CompletableFuture<Context> inTask = new CompletableFuture<>();
    CompletableFuture<Context> afterTask = new CompletableFuture<>();
    Runnable body = () -> inTask.complete(Vertx.currentContext());
    Runnable task;
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      task = LogContext.current().wrap(body);
    }
    ((Context) root)
        .runOnContext(
            nothing -> {
              task.run();
              afterTask.complete(Vertx.currentContext());
            });

    Context context = inTask.get(10, TimeUnit.SECONDS);
    assertThat(VertxContext.isDuplicatedContext(context))
        .as("the task runs on a duplicated context")
        .isTrue();
    assertThat(VertxContext.getRootContext(context)).isSameAs(root);
    assertThat(afterTask.get(10, TimeUnit.SECONDS)).isSameAs(root);
  }

  // ---- work that stays where it was handed over runs in place ------------------------------------

  @Test
  void a_synchronous_PreserveContext_call_keeps_the_vertx_locals_its_body_writes() {
    Map<String, String> after =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                work().writeHere("written-by-body", "here");
                return Workers.currentMdc();
              }
            });

    assertThat(((Context) request).<String>getLocal("written-by-body"))
        .as("the request's Vert.x local written by the synchronous body")
        .isEqualTo("here");
    assertThat(logs.mdcOf("body here")).containsExactly(entry("request_id", "req-1"));
    assertThat(after).as("the caller's MDC after the call").containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void a_synchronous_PreserveContext_call_on_a_root_context_keeps_the_vertx_locals_it_writes() {
    ContextInternal root = request.unwrap();
    on(
        root,
        () -> {
          work().writeHere("written-by-body", "on the root");
          return null;
        });

    assertThat(((Context) root).<String>getLocal("written-by-body")).isEqualTo("on the root");
  }

  @Test
  void a_contextual_future_stage_run_at_once_keeps_the_vertx_locals_it_writes() {
    Map<String, String> after =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                ContextualTasks.withContextCapture(CompletableFuture.completedFuture("here"))
                    .thenAccept(VertxTaskIsolationTest::stageWrites)
                    .join();
                return Workers.currentMdc();
              }
            });

    assertThat(((Context) request).<String>getLocal("written-by-stage"))
        .as("the request's Vert.x local written by the stage")
        .isEqualTo("here");
    assertThat(logs.mdcOf("stage here")).containsExactly(entry("request_id", "req-1"));
    assertThat(after)
        .as("the adder's MDC after the stage")
        .containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void a_contextual_future_stage_run_by_another_thread_of_the_context_gets_a_context_of_its_own()
      throws Exception {
    CompletableFuture<String> trigger = new CompletableFuture<>();
    CompletableFuture<Context> stage =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                return ContextualTasks.withContextCapture(trigger)
                    .thenApply(
                        value -> {
                          stageWrites(value);
                          return Vertx.currentContext();
                        });
              }
            });
    onRequestContext.execute(() -> trigger.complete("elsewhere"));

    assertThat(stage.get(10, TimeUnit.SECONDS)).isNotSameAs(request);
    assertThat(logs.line("stage elsewhere").thread()).startsWith("vertx-worker-");
    assertThat(logs.mdcOf("stage elsewhere")).containsExactly(entry("request_id", "req-1"));
    assertThat(((Context) request).<String>getLocal("written-by-stage")).isNull();
  }

  @Test
  void a_PreserveContext_body_run_on_another_thread_of_the_context_gets_a_context_of_its_own() {
    Map<String, String> after =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                work().writeElsewhere("written-by-body", "elsewhere");
                return Workers.currentMdc();
              }
            });

    assertThat(((Context) request).<String>getLocal("written-by-body"))
        .as("the request's Vert.x locals after a body that ran on another thread")
        .isNull();
    assertThat(logs.line("body elsewhere").thread())
        .startsWith("on-callers-vertx-context-");
    assertThat(logs.mdcOf("body elsewhere")).containsExactly(entry("request_id", "req-1"));
    assertThat(after).containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void a_provider_task_begun_where_it_was_captured_keeps_the_vertx_locals_it_writes() {
    LogContextProvider provider = new LogContextProvider();
    Map<String, String> after =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
                ThreadContextController controller = snapshot.begin();
                try {
                  Vertx.currentContext().putLocal("written-by-task", "here");
                  MDC.put("step", "task");
                } finally {
                  controller.endContext();
                }
                return Workers.currentMdc();
              }
            });

    assertThat(((Context) request).<String>getLocal("written-by-task")).isEqualTo("here");
    assertThat(after).containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void a_provider_task_begun_on_another_thread_of_the_context_gets_a_context_of_its_own()
      throws Exception {
    LogContextProvider provider = new LogContextProvider();
    ThreadContextSnapshot snapshot =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                return provider.currentContext(Map.of());
              }
            });
    ExecutorService other = Workers.singleThread("other-vertx-worker");
    try {
      Context inTask =
          other
              .submit(
                  () ->
                      onRequestContext(
                          () -> {
                            ThreadContextController controller = snapshot.begin();
                            try {
                              Vertx.currentContext().putLocal("written-by-task", "elsewhere");
                              return Vertx.currentContext();
                            } finally {
                              controller.endContext();
                            }
                          }))
              .get(10, TimeUnit.SECONDS);
      assertThat(inTask).isNotSameAs(request);
    } finally {
      Workers.stop(other);
    }
    assertThat(((Context) request).<String>getLocal("written-by-task")).isNull();
  }

  @Test
  void a_provider_task_begun_on_the_same_thread_but_another_context_gets_a_context_of_its_own() {
    LogContextProvider provider = new LogContextProvider();
    ContextInternal laterRequest = request.unwrap().duplicate();
    ThreadContextSnapshot snapshot =
        onRequestContext(
            () -> {
              try (Scope scope = LogContext.bind("request_id", "req-1")) {
                return provider.currentContext(Map.of());
              }
            });
    Context inTask =
        on(
            laterRequest,
            () -> {
              ThreadContextController controller = snapshot.begin();
              try {
                Vertx.currentContext().putLocal("written-by-task", "later");
                return Vertx.currentContext();
              } finally {
                controller.endContext();
              }
            });

    assertThat(inTask).isNotSameAs(laterRequest).isNotSameAs(request);
    assertThat(((Context) laterRequest).<String>getLocal("written-by-task")).isNull();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private VertxLocalWork work() {
    return weld.select(VertxLocalWork.class).get();
  }

  /** Runs {@code body} on this thread, on the request's context, and returns what it returned. */
  private <T> T onRequestContext(Callable<T> body) {
    return on(request, body);
  }

  private void onRequestContext(Runnable body) {
    on(
        request,
        () -> {
          body.run();
          return null;
        });
  }

  private static <T> T on(ContextInternal context, Callable<T> body) {
    ContextInternal previous = context.beginDispatch();
    try {
      return body.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.endDispatch(previous);
    }
  }

  /** A stage's body: logs, writes a Vert.x local and an MDC key. */
  private static void stageWrites(String value) {
    LoggerFactory.getLogger(VertxTaskIsolationTest.class).info("stage {}", value);
    Vertx.currentContext().putLocal("written-by-stage", value);
    MDC.put("step", "stage");
  }

  /** What Quarkus 3.33's {@code VertxMDC} does on {@code MDC.put}, on the current context. */
  private static void quarkusMdcPut(String key, String value) {
    Context context = Vertx.currentContext();
    Map<String, Object> map = context.getLocal(QUARKUS_MDC_KEY);
    if (map == null) {
      map = new ConcurrentHashMap<>();
      context.putLocal(QUARKUS_MDC_KEY, map);
    }
    map.put(key, value);
  }

  private static Map<String, Object> quarkusMdc() {
    Map<String, Object> map = Vertx.currentContext().getLocal(QUARKUS_MDC_KEY);
    return map == null ? Map.of() : map;
  }
}
