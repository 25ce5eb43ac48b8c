package dev.logctx.cdi;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.TaskIsolation;
import org.jspecify.annotations.Nullable;

/**
 * One application of a captured {@link LogContext} to the current thread, as both specifications'
 * controllers need it: begin attaches the context for a task (the core's task attach: in a storage
 * of the task's own where the framework shares one MDC, unless the task runs on the thread and in
 * the storage where it was captured, see {@link TaskIsolation}; it writes nothing when the thread
 * already holds exactly that map), {@link #end()} restores exactly the previous MDC once.
 *
 * <p>Nothing here throws into the framework, except the {@link IllegalStateException} that both
 * specifications require from a second {@code endContext()}.
 */
abstract class ContextSwitch {
  /** Stands in when attaching failed: there is nothing to restore. */
  private static final Scope NOTHING_ATTACHED = () -> {};

  private final Scope scope;
  private boolean ended;

  ContextSwitch(CapturedLogContext captured) {
    this.scope = attach(captured);
  }

  private static Scope attach(CapturedLogContext captured) {
    try {
      return TaskIsolation.attach(captured.context, captured.handOverPoint);
    } catch (RuntimeException e) {
      // An MDC adapter that fails must not fail the framework's task: it runs in whatever MDC the
      // thread has, and end() has nothing of ours to undo.
      return NOTHING_ATTACHED;
    }
  }

  /**
   * Restores the MDC the thread had before this switch began ({@link Scope#close()} never throws).
   *
   * @throws IllegalStateException when called a second time
   */
  final void end() {
    if (ended) {
      throw new IllegalStateException("endContext() was already called for this " + this);
    }
    ended = true;
    scope.close();
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + scope + "}";
  }
}
