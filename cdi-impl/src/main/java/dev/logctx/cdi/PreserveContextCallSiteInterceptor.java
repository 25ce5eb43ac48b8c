package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import dev.logctx.internal.CallSite;
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
 * <p>It is the call-site step of logctx's one {@code @PreserveContext} protocol ({@code
 * dev.logctx.internal.CallSite}), with CDI's glue: it captures the caller's MDC (the call-site
 * snapshot) into {@link InvocationContext#getContextData()}, where {@link
 * PreserveContextBodyInterceptor} finds it on the thread that finally runs the method body. It
 * also attaches that snapshot around the rest of the call, so that when the body runs
 * synchronously on the caller's thread, whatever it puts into or removes from the MDC is undone
 * afterwards: the caller's MDC after the call equals its MDC before, also when the method throws.
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
    CallSite callSite = CallSite.capture();
    invocation.getContextData().put(CallSite.ATTRIBUTE, callSite);
    return callSite.proceed(invocation::proceed, invocation.getMethod().getReturnType());
  }
}
