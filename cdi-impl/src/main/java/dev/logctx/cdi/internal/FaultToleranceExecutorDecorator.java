package dev.logctx.cdi.internal;

import dev.logctx.ContextualExecutors;
import io.smallrye.faulttolerance.AsyncExecutorProvider;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * A CDI decorator of SmallRye Fault Tolerance's {@code AsyncExecutorProvider}, whichever bean
 * provides it (Fault Tolerance's default pool, or an integrator's alternative): the pool it returns
 * is wrapped with {@link ContextualExecutors#wrap(ExecutorService)}, so every task Fault Tolerance
 * submits (an attempt of an {@code @Asynchronous} method, a fallback, a retry the timer hands over)
 * runs in the MDC of the thread that submitted it, and the pool's thread gets its own MDC back
 * afterwards. Shutting the returned pool down shuts the provider's pool down.
 *
 * <p>It has no bean-defining annotation and stays out of logctx-cdi's Jandex index, so no
 * container discovers it: {@link FaultToleranceExtension} adds it only where Fault Tolerance is on
 * the class path. Needs {@code smallrye-fault-tolerance} to load.
 */
@Decorator
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class FaultToleranceExecutorDecorator implements AsyncExecutorProvider {

  /** The decorated provider; the container injects it. */
  @Inject @Delegate @Nullable AsyncExecutorProvider delegate;

  private volatile @Nullable ExecutorService wrapped;

  /** Created by the CDI container. */
  public FaultToleranceExecutorDecorator() {}

  /**
   * The decorated provider's pool, wrapped once.
   *
   * @return a pool whose tasks run in the MDC of the thread that submitted them
   */
  @Override
  public ExecutorService get() {
    ExecutorService result = wrapped;
    if (result == null) {
      AsyncExecutorProvider provider = delegate;
      if (provider == null) {
        throw new IllegalStateException("no decorated AsyncExecutorProvider was injected");
      }
      result = ContextualExecutors.wrap(provider.get());
      wrapped = result;
    }
    return result;
  }
}
