package dev.logctx.cdi.internal;

import dev.logctx.LogContext;
import io.smallrye.faulttolerance.core.util.RunnableWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Runs the tasks of SmallRye Fault Tolerance's timer (the retry that follows a {@code @Retry}
 * delay, a {@code @Timeout}'s watcher, a circuit breaker's half-open switch) and of its event loop
 * in the logging context of the thread that <em>scheduled</em> them, which in an asynchronous
 * strategy is the thread that ran the previous step of that same invocation. The task then runs
 * with exactly that MDC on whatever thread the timer hands it to, and that thread gets its own MDC
 * back afterwards.
 *
 * <p>Fault Tolerance takes the first {@code RunnableWrapper} its service loader finds. Where
 * another one is present too (Fault Tolerance's own context propagation module, which wraps with a
 * MicroProfile {@code ThreadContext}), this one applies that one as well, so whichever comes first,
 * both run; where that one comes first, it carries logctx's {@code LogContext} through logctx's
 * MicroProfile provider.
 *
 * <p>Registered as a {@code io.smallrye.faulttolerance.core.util.RunnableWrapper} service, a
 * service file only Fault Tolerance reads; needs {@code smallrye-fault-tolerance-core} to load.
 * Wrapping never throws into Fault Tolerance: should capturing fail, the task is wrapped by the
 * other wrappers only.
 */
public final class FaultToleranceTimerTasks implements RunnableWrapper {
  private final List<RunnableWrapper> others;

  /** Loaded by {@code ServiceLoader}; finds the other {@code RunnableWrapper} services. */
  public FaultToleranceTimerTasks() {
    this.others = others();
  }

  /**
   * Binds {@code runnable} to this thread's MDC (and to the other wrappers found).
   *
   * @param runnable the task Fault Tolerance schedules
   * @return the task that runs in the context captured now
   */
  @Override
  public Runnable wrap(Runnable runnable) {
    Runnable inner = runnable;
    for (RunnableWrapper other : others) {
      inner = other.wrap(inner);
    }
    try {
      return LogContext.current().wrap(inner);
    } catch (RuntimeException | LinkageError e) {
      return inner;
    }
  }

  private static List<RunnableWrapper> others() {
    List<RunnableWrapper> found = new ArrayList<>();
    try {
      ServiceLoader.load(RunnableWrapper.class).stream()
          .filter(provider -> provider.type() != FaultToleranceTimerTasks.class)
          .forEach(provider -> found.add(provider.get()));
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      // a broken other wrapper: Fault Tolerance itself would have failed on it the same way
    }
    return List.copyOf(found);
  }
}
