package dev.logctx.cdi.internal;

import dev.logctx.internal.TaskIsolationProvider;
import dev.logctx.internal.VertxMdcLocation;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Copy semantics inside Quarkus (and any Vert.x application whose MDC lives in the Vert.x
 * duplicated context). Quarkus keeps the MDC of a request in the request's duplicated context, and
 * runs the tasks of that request ({@code ManagedExecutor}, Fault Tolerance {@code @Asynchronous},
 * ...) on that same context: the request and its tasks would read and write one map. Before a task
 * handed over through logctx attaches its snapshot on another thread (or on another context), this
 * switches its thread to a new <em>nested</em> duplicated context made from the current one
 * ({@link VertxContext#newNestedContext(Context)}): it keeps the parent's other locals (copied, for
 * tracing and the like) but not the parent's MDC map, so it has an MDC of its own, in which the
 * task's snapshot is then attached. When the task is over, the thread goes back to the context it
 * was on. The request never sees the task's writes, and the task never sees the request's later
 * ones — nor a filter removing {@code request_id} after the response.
 *
 * <p>A task that runs on a root (non-duplicated) context — an event-loop timer, {@code
 * runOnContext} or unordered {@code executeBlocking} of a root context — runs on a new duplicate of
 * that root, made by the same call: Quarkus keeps no MDC on a root context (its MDC provider makes a
 * new duplicated context, with a new empty map, on every access there), so a snapshot attached
 * there would be gone at once. The duplicate shares the root's event loop and its shared data
 * ({@code Context.get/put}); the root's locals are not visible in it.
 *
 * <p>Work that runs on the thread and the Vert.x context where it was handed over (a synchronous
 * {@code @PreserveContext} call, a callback run at once) is not isolated: {@link #sharedStorage()}
 * lets logctx tell, and such work runs in place, so the Vert.x locals it writes stay the request's.
 * Threads without a Vert.x context are left alone.
 *
 * <p>A failure here (for example a Vert.x whose internals changed) never fails the task: it runs
 * without a context of its own, and the first failure is logged at WARN with its reason. After a
 * {@link LinkageError} the isolation is off for good. Registered as a {@code
 * dev.logctx.internal.TaskIsolationProvider} service; skipped when Vert.x or SmallRye Common's
 * Vert.x helper is absent (Weld, plain Java).
 */
public final class VertxTaskIsolation implements TaskIsolationProvider {

  /** Where Quarkus keeps the MDC in a Vert.x context: the one place of logctx that knows it. */
  private static final VertxMdcLocation MDC_LOCATION = VertxMdcLocation.get();

  private final UnaryOperator<Context> newNestedContext;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean off;

  /**
   * Loaded by {@code ServiceLoader}.
   *
   * @throws NoClassDefFoundError when Vert.x or SmallRye Common's Vert.x helper is absent, which
   *     makes the service loader skip this provider
   */
  public VertxTaskIsolation() {
    this(VertxContext::newNestedContext);
    // Touch both libraries now, so that an application without them skips this provider at load
    // time rather than on a task.
    VertxContext.isOnDuplicatedContext();
  }

  /** With another way to make the nested context (tests make it fail). */
  VertxTaskIsolation(UnaryOperator<Context> newNestedContext) {
    this.newNestedContext = Objects.requireNonNull(newNestedContext, "newNestedContext");
  }

  /**
   * The current Vert.x context: on a duplicated context Quarkus keeps the MDC; work handed over on
   * a root context and run there again (a synchronous call, a timer of that event loop) runs in
   * place as well, so the Vert.x locals it writes stay where they were written.
   *
   * @return the thread's Vert.x context, or null when it is on none
   */
  @Override
  public @Nullable Object sharedStorage() {
    if (off) {
      return null;
    }
    try {
      return MDC_LOCATION.currentContext();
    } catch (RuntimeException | LinkageError e) {
      failed("read the current context", e);
      return null;
    }
  }

  @Override
  public @Nullable Object begin() {
    if (off) {
      return null;
    }
    try {
      Context current = Vertx.currentContext();
      if (current == null) {
        return null;
      }
      // From a duplicated context: a nested one, with a copy of its locals. From a root context: a
      // new duplicate of that root, with no locals; Quarkus keeps no MDC on a root context (it
      // makes a new duplicated context on every access there), so without one the task's MDC
      // would be gone as soon as it is written.
      Context nested = newNestedContext.apply(current);
      // The nested context got a copy of the parent's local entries, and in Quarkus 3.33 the MDC
      // map is one of them (the same map object); newer Quarkus keeps it in a ContextLocal, which
      // Vert.x may copy into a duplicate. Drop it, wherever it is, so that the task's MDC starts
      // empty in a map of its own.
      MDC_LOCATION.dropMdc(nested);
      // Vert.x has no public API that makes a context the current one of a running thread for a
      // synchronous piece of work (Context.runOnContext queues it): the internal dispatch does.
      ContextInternal internal = (ContextInternal) nested;
      return new Dispatch(internal, internal.beginDispatch());
    } catch (RuntimeException | LinkageError e) {
      failed("begin a nested context", e);
      return null;
    }
  }

  @Override
  public void end(Object token) {
    Dispatch dispatch = (Dispatch) token;
    try {
      dispatch.nested.endDispatch(dispatch.previous);
    } catch (RuntimeException | LinkageError e) {
      failed("go back to the previous context", e);
    }
  }

  /** Logs the first failure at WARN; a linkage error turns the isolation off for good. */
  private void failed(String what, Throwable failure) {
    if (failure instanceof LinkageError) {
      off = true;
    }
    if (warned.compareAndSet(false, true)) {
      LoggerFactory.getLogger(VertxTaskIsolation.class)
          .warn(
              "logctx could not {} for a task ({}); the task runs without a Vert.x context of its"
                  + " own, so in Quarkus it may share its request's MDC. Logged once.{}",
              what,
              failure.toString(),
              off ? " Task isolation is now off." : "",
              failure);
    }
  }

  @Override
  public String toString() {
    return "VertxTaskIsolation" + (off ? "{off}" : "");
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
