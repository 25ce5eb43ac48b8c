package dev.logctx.demo;

/**
 * The ways a request hands a task to another thread in the copy-semantics tests (issue 9, "copy
 * semantics inside Quarkus"); {@link Handovers} starts them. Exists for those tests only.
 *
 * <p>In Quarkus 3.33 the MDC of a request lives in the request's Vert.x duplicated context, and
 * Quarkus's worker pool (the executor behind the injected {@code ManagedExecutor} and behind Fault
 * Tolerance {@code @Asynchronous}) runs every task on the Vert.x context of the thread that
 * submitted it. So every handover marked <em>shared</em> below runs its task on the request's own
 * context: unless the task gets a copy of its own, the task and the request read and write one map.
 * The others run on threads with no Vert.x context, where the MDC is per thread.
 */
public enum Handover {
  /** Shared: {@code managedExecutor.runAsync(task)} on the injected {@code ManagedExecutor}. */
  MANAGED_EXECUTOR(true),
  /** Shared: {@code ContextualTasks.runInExecutorWithContext(managedExecutor, task)}. */
  RUN_IN_EXECUTOR_WITH_CONTEXT(true),
  /** Shared: {@code ContextualTasks.createTaskWithContext(task, name, managedExecutor)}. */
  CREATE_TASK_ON_MANAGED_EXECUTOR(true),
  /**
   * Not shared: {@code ContextualTasks.createTaskWithContext(task, name)}, logctx's default
   * executor.
   */
  CREATE_TASK_ON_DEFAULT_EXECUTOR(true),
  /**
   * Shared: {@code threadContext.contextualRunnable(task)} run by the injected {@code
   * ManagedExecutor}.
   */
  THREAD_CONTEXT_ON_MANAGED_EXECUTOR(true),
  /**
   * Shared: {@code threadContext.contextualRunnable(task)} run directly on Quarkus's worker pool,
   * so the {@code ThreadContext} is the only context propagation on the way.
   */
  THREAD_CONTEXT_ON_WORKER_POOL(true),
  /** Not shared: {@code threadContext.contextualRunnable(task)} run on a plain thread pool. */
  THREAD_CONTEXT_ON_PLAIN_POOL(true),
  /**
   * Shared: {@code ContextualExecutors.wrap(workerPool)}, Quarkus's worker pool decorated by
   * logctx.
   */
  CONTEXTUAL_EXECUTOR_ON_WORKER_POOL(true),
  /**
   * Shared: a {@code @PreserveContext} bean method that is Fault Tolerance {@code @Asynchronous}.
   */
  PRESERVE_CONTEXT_ASYNC_BEAN(true),
  /**
   * Shared: a synchronous stage of a contextual future, {@code
   * ContextualTasks.withContextCapture(trigger).thenRun(task)}, run by the thread of Quarkus's
   * worker pool that completes {@code trigger}, on the request's context.
   */
  STAGE_COMPLETED_ON_WORKER_POOL(true),
  /**
   * Negative control, shared: the task handed straight to Quarkus's worker pool, with no logctx on
   * the way. Quarkus runs it on the request's Vert.x context, so it reads and writes the request's
   * live MDC map: what logctx's copy fixes.
   */
  WORKER_POOL_WITHOUT_LOGCTX(false),
  /**
   * Negative control, not shared: the task handed straight to a plain pool, with no logctx on the
   * way. No Vert.x context there: it shares nothing with the request, and carries nothing of it.
   */
  PLAIN_POOL_WITHOUT_LOGCTX(false);

  private final boolean withLogctx;

  Handover(boolean withLogctx) {
    this.withLogctx = withLogctx;
  }

  /** Whether logctx starts the task (the positive cases), or nothing of logctx is on the way. */
  public boolean withLogctx() {
    return withLogctx;
  }
}
