package dev.logctx.benchmarks;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Contender (b), the baseline: the MDC copy users write by hand today. The caller copies its MDC;
 * the worker saves its own, installs the copy, runs the task and puts back what it saved, in
 * {@code try/finally}, clearing when there was nothing.
 */
final class MdcCopyingRunnable implements Runnable {
  private final @Nullable Map<String, String> captured;
  private final Runnable task;

  private MdcCopyingRunnable(@Nullable Map<String, String> captured, Runnable task) {
    this.captured = captured;
    this.task = task;
  }

  /** On the caller: copies its MDC now. */
  static Runnable wrap(Runnable task) {
    return new MdcCopyingRunnable(MDC.getCopyOfContextMap(), task);
  }

  /** On the worker: save, install, run, restore. */
  @Override
  public void run() {
    @Nullable Map<String, String> previous = MDC.getCopyOfContextMap();
    if (captured == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(captured);
    }
    try {
      task.run();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }
}
