package dev.logctx.cdi;

import dev.logctx.LogContext;
import java.util.function.Function;

/**
 * Capture for both providers: the caller's MDC as a snapshot of the provider's specification, and
 * one shared cleared snapshot, which is also what capturing an empty MDC returns (no allocation).
 *
 * @param <S> the specification's snapshot type
 */
final class Snapshots<S> {
  private final Function<LogContext, S> snapshotOf;
  private final S cleared;

  Snapshots(Function<LogContext, S> snapshotOf) {
    this.snapshotOf = snapshotOf;
    this.cleared = snapshotOf.apply(LogContext.empty());
  }

  /** The calling thread's MDC, now. */
  S current() {
    LogContext now = LogContext.current();
    return now.isEmpty() ? cleared : snapshotOf.apply(now);
  }

  /** The empty MDC: attaching it runs the work with no MDC entries. */
  S cleared() {
    return cleared;
  }
}
