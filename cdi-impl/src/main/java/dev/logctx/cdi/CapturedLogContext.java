package dev.logctx.cdi;

import dev.logctx.LogContext;

/**
 * What a thread context snapshot of either specification holds: one immutable {@link LogContext},
 * captured where the work was handed over. It keeps no state of its own, so it can be begun on any
 * number of threads at once, any number of times; each begin gets its own {@link ContextSwitch}.
 */
abstract class CapturedLogContext {
  final LogContext context;

  CapturedLogContext(LogContext context) {
    this.context = context;
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + context + "}";
  }
}
