package dev.logctx.cdi;

import dev.logctx.LogContext;
import dev.logctx.PreserveContext;
import dev.logctx.Scope;
import dev.logctx.internal.TaskIsolation;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The outer of the two interceptors that serve {@link PreserveContext}: it runs first, on the
 * calling thread, before any interceptor can move the call to another thread.
 *
 * <p>It captures the caller's MDC (the call-site snapshot) into {@link
 * InvocationContext#getContextData()}, where {@link PreserveContextBodyInterceptor} finds it on
 * the thread that finally runs the method body. It also attaches that snapshot around the rest of
 * the call, so that when the body runs synchronously on the caller's thread, whatever it puts into
 * or removes from the MDC is undone afterwards: the caller's MDC after the call equals its MDC
 * before, also when the method throws.
 *
 * <p>When the method declares {@code CompletionStage} or {@code CompletableFuture}, the caller gets
 * a {@code CompletableFuture} that completes as the returned stage does and runs every dependent
 * stage in the context of the thread that adds it (the caller's, for stages the caller adds),
 * whichever thread completes it; its {@code ...Async} stages without an executor run on the
 * returned future's own default executor, and cancelling it cancels the returned future. Methods
 * that declare any other type get exactly what the method returned.
 *
 * <p>Enabled by its {@link #PRIORITY} ({@code PLATFORM_BEFORE}); found in the jar by bean
 * discovery. Applications do not use this class directly.
 */
@Interceptor
@PreserveContext
@Priority(PreserveContextCallSiteInterceptor.PRIORITY)
public final class PreserveContextCallSiteInterceptor implements Serializable {

  /**
   * {@code Interceptor.Priority.PLATFORM_BEFORE}: before Jakarta Concurrency's
   * {@code @Asynchronous} ({@code PLATFORM_BEFORE + 5}) and every other interceptor that may hand
   * the call to another thread.
   */
  public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;

  /**
   * Where this interceptor leaves the call's hand-over point (the calling thread and the Vert.x
   * context it is on) for the body interceptor, which runs the body in place when it runs there.
   */
  static final String HAND_OVER_POINT_KEY = "dev.logctx.cdi.handOverPoint";

  private static final long serialVersionUID = 1L;

  /** Created by the CDI container. */
  public PreserveContextCallSiteInterceptor() {}

  /**
   * Captures the call-site context, runs the rest of the call in it and restores the caller's MDC.
   *
   * @param invocation the intercepted call
   * @return what the method returned; a contextual future for a declared {@code CompletionStage}
   *     or {@code CompletableFuture}
   * @throws Exception what the rest of the call threw
   */
  @AroundInvoke
  public @Nullable Object preserveCallSiteContext(InvocationContext invocation) throws Exception {
    LogContext callSite = LogContext.current();
    invocation.getContextData().put(CallSiteContext.CONTEXT_DATA_KEY, callSite);
    Object handOverPoint = TaskIsolation.handOverPoint();
    if (handOverPoint != null) {
      invocation.getContextData().put(HAND_OVER_POINT_KEY, handOverPoint);
    }
    Object result;
    Scope scope = callSite.attach();
    try {
      result = invocation.proceed();
    } finally {
      scope.close();
    }
    return CallSiteContext.followedInContext(result, invocation.getMethod());
  }
}
