package dev.logctx.benchmarks;

import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * An executor that runs nothing: it keeps the last task handed to it. Measures what an executor
 * decorator does on the caller's thread, without the cost of a queue or another thread.
 */
final class HoldingExecutor implements Executor {
  private @Nullable Runnable held;

  @Override
  public void execute(Runnable command) {
    held = command;
  }

  /** The last task handed over, and forgets it. */
  Runnable take() {
    Runnable task = held;
    held = null;
    if (task == null) {
      throw new IllegalStateException("nothing was handed over");
    }
    return task;
  }
}
