package dev.logctx.internal;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The context of the Reactor subscription whose signal logctx is delivering on this thread (not
 * API). logctx-micronaut's subscriber attaches a subscription's snapshot through {@link
 * #attach(LogContext)} around each signal it delivers; logctx-micrometer's accessor, when Reactor's
 * automatic context propagation asks it to set "nothing" (a subscriber whose Reactor {@code
 * Context} carries no logctx snapshot), keeps {@link #current()} rather than emptying the MDC. So
 * the two, on one pipeline, never undo each other's context.
 */
public final class SubscriptionContext {
  private static final ThreadLocal<Delivering> CURRENT = new ThreadLocal<>();

  private SubscriptionContext() {}

  /**
   * Attaches {@code context} as the context of the subscription whose signal is delivered now.
   *
   * <p>Scopes closed out of order on one thread are undone in order: closing a scope while one
   * opened inside it is still open changes nothing yet (that inner signal keeps its context); when
   * the inner one closes, both are undone, and this thread gets back the MDC and the subscription
   * context of before the outer one.
   *
   * @param context the subscription's snapshot
   * @return the scope that restores the MDC and the subscription context of before; close it on
   *     this thread
   */
  public static Scope attach(LogContext context) {
    Delivering outer = CURRENT.get();
    Delivering delivering = new Delivering(context, outer, context.attach());
    CURRENT.set(delivering);
    return delivering;
  }

  /**
   * The context of the subscription whose signal is delivered on this thread now.
   *
   * @return the snapshot, or null when no signal is being delivered through {@link #attach}
   */
  public static @Nullable LogContext current() {
    Delivering delivering = CURRENT.get();
    return delivering == null ? null : delivering.context;
  }

  private static final class Delivering implements Scope {
    final LogContext context;
    private final @Nullable Delivering outer;
    private final Scope attachment;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    Delivering(LogContext context, @Nullable Delivering outer, Scope attachment) {
      this.context = context;
      this.outer = outer;
      this.attachment = attachment;
    }

    @Override
    public void close() {
      if (closed || Thread.currentThread() != owner) {
        return; // closed already, or not this thread's: leave this thread alone (rule 9)
      }
      closed = true;
      if (CURRENT.get() != this) {
        // Closed out of order: a scope opened inside this one is still open on this thread and its
        // signal is still being delivered. This one is undone when that one closes.
        return;
      }
      attachment.close();
      @Nullable Delivering next = outer;
      while (next != null && next.closed) {
        next.attachment.close(); // an outer scope closed out of order: undone now, in order
        next = next.outer;
      }
      CURRENT.set(next);
    }
  }
}
