package dev.logctx;

/**
 * The period during which a {@link LogContext} is the MDC of the current thread.
 *
 * <p>{@link #close()} restores exactly the MDC the thread had when the scope was opened: keys the
 * scope added are removed, keys it replaced or removed are back with their earlier values. Close a
 * scope on the thread that opened it, in the reverse order of opening, ideally with
 * try-with-resources:
 *
 * <pre>{@code
 * try (Scope scope = LogContext.bind("request_id", "req-123")) {
 *   log.info("handled");          // carries request_id=req-123
 * }                               // the MDC is what it was before
 * }</pre>
 *
 * <p>Closing is idempotent: a second {@code close()} does nothing. It never throws, also when the
 * MDC adapter fails: the thread is then cleared where the adapter allows it, and the failure is
 * logged once at WARN. Only a {@link VirtualMachineError} (such as {@link OutOfMemoryError}) is
 * thrown on, never swallowed.
 *
 * <p>A scope belongs to the thread that opened it. {@code close()} called on another thread
 * changes nothing on that thread and leaves the scope open; the opening thread keeps the scope's
 * context until the scope is closed there. {@link StrictMode} reports such a close.
 */
public interface Scope extends AutoCloseable {

  /** Restores the MDC the thread had before this scope was opened. Idempotent; never throws. */
  @Override
  void close();
}
