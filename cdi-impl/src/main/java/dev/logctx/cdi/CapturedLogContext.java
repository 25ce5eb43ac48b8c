package dev.logctx.cdi;

import dev.logctx.LogContext;
import org.jspecify.annotations.Nullable;

/**
 * What a thread context snapshot of either specification holds: one immutable {@link LogContext},
 * captured where the work was handed over, and where that was (the hand-over point of {@code
 * TaskIsolation}: a task begun on the same thread and Vert.x context runs in place). It keeps no
 * state of its own, so it can be begun on any number of threads at once, any number of times; each
 * begin gets its own {@link ContextSwitch}.
 */
abstract class CapturedLogContext {
  final LogContext context;
  final @Nullable Object handOverPoint;

  CapturedLogContext(LogContext context, @Nullable Object handOverPoint) {
    this.context = context;
    this.handOverPoint = handOverPoint;
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + context + "}";
  }
}
