package dev.logctx.cdi;

import dev.logctx.LogContext;
import dev.logctx.internal.TaskIsolation;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Capture for both providers: the caller's MDC as a snapshot of the provider's specification, with
 * the point where it was captured, and one shared cleared snapshot, which is also what capturing an
 * empty MDC returns where there is no hand-over point to keep (no allocation).
 *
 * @param <S> the specification's snapshot type
 */
final class Snapshots<S> {
  private final BiFunction<LogContext, @Nullable Object, S> snapshotOf;
  private final S cleared;

  Snapshots(BiFunction<LogContext, @Nullable Object, S> snapshotOf) {
    this.snapshotOf = snapshotOf;
    this.cleared = snapshotOf.apply(LogContext.empty(), null);
  }

  /** The calling thread's MDC, now, and where it was captured. */
  S current() {
    LogContext now = LogContext.current();
    Object handOverPoint = TaskIsolation.handOverPoint();
    return now.isEmpty() && handOverPoint == null ? cleared : snapshotOf.apply(now, handOverPoint);
  }

  /** The empty MDC: attaching it runs the work with no MDC entries. */
  S cleared() {
    return cleared;
  }
}
