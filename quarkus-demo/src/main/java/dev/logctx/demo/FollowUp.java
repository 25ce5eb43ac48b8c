package dev.logctx.demo;

/** The follow-up work of an order, one per kind of async path. */
enum FollowUp {
  /** A named background task: {@code ContextualTasks.createTaskWithContext(.., "notify-order-<id>")}. */
  TASK("follow-up: task"),
  /** Blocking work on the injected {@code ManagedExecutor}, via {@code runInExecutorWithContext}. */
  EXECUTOR("follow-up: executor"),
  /** Blocking work on logctx's default executor: {@code runInExecutorWithContext(null, ..)}. */
  DEFAULT_EXECUTOR("follow-up: default executor"),
  /** {@code ThreadContext.contextualRunnable} run on a plain thread pool. */
  THREAD_CONTEXT("follow-up: thread context"),
  /** A {@code @PreserveContext} bean whose Fault Tolerance {@code @Asynchronous} method runs it. */
  ASYNC_BEAN("follow-up: async bean"),
  /**
   * The fallback of a {@code @PreserveContext} bean's Fault Tolerance {@code @Asynchronous}
   * {@code @Retry} method, after its attempts failed.
   */
  FALLBACK("follow-up: fallback"),
  /** An outbound REST Client call to {@code GET /inventory/{item}}, logged by that endpoint. */
  INVENTORY("follow-up: inventory");

  private final String logLine;

  FollowUp(String logLine) {
    this.logLine = logLine;
  }

  /** The one line this follow-up logs. */
  String logLine() {
    return logLine;
  }

  /** The name shown by {@code GET /orders/{id}}, for example {@code default-executor}. */
  String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
