package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.cdi.internal.VertxTaskIsolation;
import dev.logctx.internal.TaskIsolation;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mechanism behind copy semantics inside Quarkus, on a real Vert.x: a task started through
 * logctx runs on a nested duplicated context of its own (so an MDC kept in the context, as
 * Quarkus keeps it, is the task's own), with the parent's other locals copied, and the thread goes
 * back to the request's context afterwards. The Quarkus end-to-end proof is in quarkus-demo
 * ({@code CopySemanticsInQuarkusTest}).
 */
class VertxTaskIsolationTest {
  private Vertx vertx;
  private ContextInternal request;
  private ExecutorService pool;
  /** Runs tasks on the request's duplicated context, as Quarkus' worker pool does. */
  private Executor onRequestContext;

  @BeforeEach
  void a_request_on_a_duplicated_context() {
    vertx = Vertx.vertx();
    request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    ((Context) request).putLocal("trace", "trace-of-the-request");
    pool = Workers.singleThread("vertx-worker");
    onRequestContext = task -> pool.execute(() -> {
      ContextInternal previous = request.beginDispatch();
      try {
        task.run();
      } finally {
        request.endDispatch(previous);
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
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
    ContextInternal previous = request.beginDispatch();
    try {
      Context inTask;
      try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
        inTask = Vertx.currentContext();
        assertThat(inTask).isNotSameAs(request);
        assertThat(VertxContext.isDuplicatedContext(inTask)).isTrue();
        assertThat(inTask.<Object>getLocal(VertxContext.PARENT_CONTEXT)).isSameAs(request);
        assertThat(inTask.<String>getLocal("trace")).isEqualTo("trace-of-the-request");
        inTask.putLocal("written-by-task", "x");
      }
      assertThat(Vertx.currentContext()).isSameAs(request);
      assertThat(((Context) request).<String>getLocal("written-by-task")).isNull();
    } finally {
      request.endDispatch(previous);
    }
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
  void a_task_does_not_share_the_mdc_map_quarkus_keeps_in_the_request_context() {
    // Quarkus 3.33's VertxMDC keeps the MDC in the context's local data under its class name;
    // a nested context copies local entries, so without care it would hold the very same map.
    Map<String, Object> requestMdc = new java.util.concurrent.ConcurrentHashMap<>();
    requestMdc.put("request_id", "req-1");
    ((Context) request).putLocal("io.quarkus.vertx.core.runtime.VertxMDC", requestMdc);
    ContextInternal previous = request.beginDispatch();
    try {
      try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
        Context inTask = Vertx.currentContext();
        assertThat(inTask.<Object>getLocal("io.quarkus.vertx.core.runtime.VertxMDC"))
            .isNotSameAs(requestMdc)
            .isNull();
        assertThat(inTask.<String>getLocal("trace")).isEqualTo("trace-of-the-request");
      }
    } finally {
      request.endDispatch(previous);
    }
    assertThat(((Context) request).<Object>getLocal("io.quarkus.vertx.core.runtime.VertxMDC"))
        .isSameAs(requestMdc);
  }

  @Test
  void threads_without_a_duplicated_context_are_left_alone() throws Exception {
    try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
      assertThat(Vertx.currentContext()).isNull();
    }
    ContextInternal root = request.unwrap();
    ContextInternal previous = root.beginDispatch();
    try {
      try (Scope scope = TaskIsolation.attach(LogContext.of(Map.of("request_id", "req-1")))) {
        assertThat(Vertx.currentContext()).isSameAs(root);
      }
    } finally {
      root.endDispatch(previous);
    }
  }
}
