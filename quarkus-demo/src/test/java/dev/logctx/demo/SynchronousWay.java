package dev.logctx.demo;

/**
 * The ways a request runs a piece of work on its own thread, synchronously, in the tests of {@link
 * SynchronousWorkResource}. The work's body runs on the request's thread and on the request's
 * Vert.x duplicated context, so logctx must not move it to a context of its own.
 */
public enum SynchronousWay {
  /** A {@code @PreserveContext} bean method called directly: {@link SynchronousVertxWork}. */
  PRESERVE_CONTEXT_CALL(true),
  /** {@code LogContext.current().run(body)}. */
  LOG_CONTEXT_RUN(true),
  /**
   * A Mutiny callback run at once: Quarkus wraps every Mutiny callback in a MicroProfile {@code
   * ThreadContext}, so logctx's context provider begins and ends around it on the same thread.
   */
  MUTINY_CALLBACK(true),
  /**
   * A synchronous stage of a contextual future that is already done: {@code
   * ContextualTasks.withContextCapture(done).thenAccept(body)} runs the stage at once, on the
   * request's thread and context.
   */
  CONTEXTUAL_FUTURE_STAGE(true),
  /** Negative control: the body called directly, no logctx on the way. */
  PLAIN_CALL(false);

  private final boolean withLogctx;

  SynchronousWay(boolean withLogctx) {
    this.withLogctx = withLogctx;
  }

  /** Whether logctx is on the way (the positive cases). */
  public boolean withLogctx() {
    return withLogctx;
  }
}
