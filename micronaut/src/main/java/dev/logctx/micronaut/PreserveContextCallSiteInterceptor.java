package dev.logctx.micronaut;

import dev.logctx.PreserveContext;
import dev.logctx.internal.CallSite;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Requires;
import org.jspecify.annotations.Nullable;

/**
 * The outer of the two interceptors that serve {@link PreserveContext} on Micronaut beans: it runs
 * first ({@link LogctxMicronaut#CALL_SITE_ORDER}), on the calling thread, before Micronaut's {@code
 * AsyncInterceptor} can move the call to another thread.
 *
 * <p>It is the call-site step of logctx's one {@code @PreserveContext} protocol ({@code
 * dev.logctx.internal.CallSite}), with Micronaut's glue: it captures the caller's MDC into the
 * invocation's attributes, where {@link PreserveContextBodyInterceptor} finds it on the thread
 * that runs the body, and runs the rest of the call in that snapshot, so that the caller's MDC
 * after the call equals its MDC before, also when the body ran on the caller's thread and changed
 * it, and also when it throws.
 *
 * <p>Return values: a method that declares {@code CompletionStage} or {@code CompletableFuture}
 * gives the caller a contextual future: each dependent stage runs in the context of the thread
 * that adds it, whichever thread completes the future (the futures rule). A returned {@code
 * org.reactivestreams.Publisher} (or any other type) is returned as it is: the method body that
 * assembles it runs in the call-site context, but its signals run in whatever context the
 * subscribing side gives them; logctx does not decorate reactive operators.
 *
 * <p>Needs logctx-micronaut-processor on the application's annotation processor path, which makes
 * {@code @PreserveContext} a Micronaut interceptor binding. Applications do not use this class
 * directly.
 */
@InterceptorBean(PreserveContext.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class PreserveContextCallSiteInterceptor implements MethodInterceptor<Object, Object> {
  /** Created by Micronaut. */
  public PreserveContextCallSiteInterceptor() {}

  /**
   * {@link LogctxMicronaut#CALL_SITE_ORDER}.
   *
   * @return the interceptor's order
   */
  @Override
  public int getOrder() {
    return LogctxMicronaut.CALL_SITE_ORDER;
  }

  /**
   * Captures the call-site context, runs the rest of the call in it and restores the caller's MDC.
   *
   * @param context the intercepted call
   * @return what the method returned; a contextual future for a declared {@code CompletionStage}
   *     or {@code CompletableFuture}
   */
  @Override
  public @Nullable Object intercept(MethodInvocationContext<Object, Object> context) {
    CallSite callSite = CallSite.capture();
    context.setAttribute(CallSite.ATTRIBUTE, callSite);
    return callSite.proceed(context::proceed, context.getReturnType().getType());
  }
}
