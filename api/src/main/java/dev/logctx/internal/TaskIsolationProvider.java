package dev.logctx.internal;

import org.jspecify.annotations.Nullable;

/**
 * Service interface (not API) for frameworks whose MDC is not per thread but shared: in Quarkus
 * the MDC lives in the request's Vert.x duplicated context, which the tasks of that request run on
 * too, so without this they would all read and write one map. A provider gives the thread about
 * to run a task a storage of its own; {@link TaskIsolation} calls it around every task that logctx
 * starts. Registered in {@code META-INF/services/dev.logctx.internal.TaskIsolationProvider}; a
 * provider whose classes cannot load (its framework is absent) is skipped, one whose constructor
 * fails for another reason is skipped with a WARN (see {@link TaskIsolation#firstUsable}). When
 * several are usable, the system property {@value TaskIsolation#PROPERTY} chooses one, or none
 * (see {@link TaskIsolation#choose}).
 */
public interface TaskIsolationProvider {

  /**
   * Called on the thread that is about to run a task, before the task's context is attached.
   *
   * @return what {@link #end(Object)} needs to undo it, or null when this thread needs nothing
   */
  @Nullable Object begin();

  /**
   * Called on the same thread after the task's context was restored.
   *
   * @param token what {@link #begin()} returned
   */
  void end(Object token);

  /**
   * Where the current thread's MDC lives when it is not the thread's own (for Vert.x: the current
   * context, duplicated or root), read where work is handed over, so that a task that later runs on
   * the same thread and in the same storage runs in place rather than isolated. Compared by
   * identity.
   *
   * @return the shared storage, or null when the thread's MDC is its own
   */
  default @Nullable Object sharedStorage() {
    return null;
  }
}
