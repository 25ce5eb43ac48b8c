package dev.logctx.cdi.internal;

import dev.logctx.internal.TaskIsolationProvider;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import org.jspecify.annotations.Nullable;

/**
 * Copy semantics inside Quarkus (and any Vert.x application whose MDC lives in the Vert.x
 * duplicated context). Quarkus keeps the MDC of a request in the request's duplicated context, and
 * runs the tasks of that request ({@code ManagedExecutor}, Fault Tolerance {@code @Asynchronous},
 * ...) on that same context: the request and its tasks would read and write one map. Before a task
 * started through logctx attaches its snapshot, this switches its thread to a new <em>nested</em>
 * duplicated context made from the current one ({@link VertxContext#newNestedContext(Context)}):
 * it keeps the parent's other locals (copied, for tracing and the like) but not the parent's MDC
 * map, so it has an MDC of its own, in which the task's snapshot is then attached. When the task is over, the thread goes back to
 * the context it was on. The request never sees the task's writes, and the task never sees the
 * request's later ones — nor a filter removing {@code request_id} after the response.
 *
 * <p>Threads without a Vert.x context, or on a root (non-duplicated) context, are left alone.
 * Registered as a {@code dev.logctx.internal.TaskIsolationProvider} service; skipped when Vert.x
 * or SmallRye Common's Vert.x helper is absent (Weld, plain Java).
 */
public final class VertxTaskIsolation implements TaskIsolationProvider {

  /**
   * Where Quarkus' {@code VertxMDC} keeps the MDC map in a context's local data (Quarkus 3.33):
   * its class name.
   */
  static final String QUARKUS_MDC_KEY = "io.quarkus.vertx.core.runtime.VertxMDC";

  /**
   * Loaded by {@code ServiceLoader}.
   *
   * @throws NoClassDefFoundError when Vert.x or SmallRye Common's Vert.x helper is absent, which
   *     makes the service loader skip this provider
   */
  public VertxTaskIsolation() {
    // Touch both libraries now, so that an application without them skips this provider at load
    // time rather than on a task.
    VertxContext.isOnDuplicatedContext();
  }

  @Override
  public @Nullable Object begin() {
    Context current = Vertx.currentContext();
    if (current == null || !VertxContext.isDuplicatedContext(current)) {
      return null;
    }
    ContextInternal nested = (ContextInternal) VertxContext.newNestedContext(current);
    // The nested context got a copy of the parent's local entries, and in Quarkus 3.33 the MDC
    // map is one of them (the same map object, under this key): drop it, so that the task's MDC
    // starts empty in a map of its own. Newer Quarkus keeps the MDC in a ContextLocal that is not
    // copied; removing an absent key does nothing.
    nested.localContextData().remove(QUARKUS_MDC_KEY);
    ContextInternal previous = nested.beginDispatch();
    return new Dispatch(nested, previous);
  }

  @Override
  public void end(Object token) {
    Dispatch dispatch = (Dispatch) token;
    dispatch.nested.endDispatch(dispatch.previous);
  }

  /** The nested context a task runs on, and the context the thread had before. */
  private static final class Dispatch {
    final ContextInternal nested;
    final @Nullable ContextInternal previous;

    Dispatch(ContextInternal nested, @Nullable ContextInternal previous) {
      this.nested = nested;
      this.previous = previous;
    }
  }
}
