package dev.logctx.demo;

/**
 * The ways a task comes to run on a Vert.x <em>root</em> (non-duplicated) context, in the tests of
 * {@link RootContextResource}. Quarkus 3.33 keeps the MDC in a duplicated context; on a root context
 * its MDC provider makes a new duplicated context, and so a new empty map, on every access.
 */
public enum RootContextWay {
  /**
   * {@code vertx.setTimer(...)} called on a thread that has no Vert.x context: the timer fires on
   * an event-loop root context.
   */
  EVENT_LOOP_TIMER,
  /** {@code root.runOnContext(...)}: the request's root context runs the handler on its event loop. */
  RUN_ON_ROOT_CONTEXT,
  /**
   * {@code root.executeBlocking(callable, false)}: unordered blocking work, run on a worker thread
   * whose current context is the root context.
   */
  UNORDERED_EXECUTE_BLOCKING
}
