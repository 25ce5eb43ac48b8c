/**
 * logctx keeps the SLF4J MDC (request id, user id, trace id, ...) with the work when that work
 * moves to another thread.
 *
 * <p>Everything rests on one pair: {@link dev.logctx.LogContext#current()} captures an immutable
 * snapshot of the calling thread's MDC, and {@link dev.logctx.LogContext#attach()} makes a
 * snapshot the MDC of the running thread until the returned {@link dev.logctx.Scope} is closed,
 * which restores exactly the map that was there before. {@link dev.logctx.ContextualTasks},
 * {@link dev.logctx.ContextualExecutors} and the {@code @PreserveContext} interceptors are built on
 * that pair.
 */
@NullMarked
package dev.logctx;

import org.jspecify.annotations.NullMarked;
