package dev.logctx.micronaut;

import dev.logctx.PreserveContext;
import dev.logctx.internal.CallSite;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Requires;
import org.jspecify.annotations.Nullable;

/**
 * The inner of the two interceptors that serve {@link PreserveContext} on Micronaut beans: it runs
 * right after Micronaut's {@code AsyncInterceptor} ({@link LogctxMicronaut#BODY_ORDER}), on the
 * thread that finally runs the method body.
 *
 * <p>It is the body step of logctx's one {@code @PreserveContext} protocol ({@code
 * dev.logctx.internal.CallSite}), with Micronaut's glue: it attaches the call-site snapshot that
 * {@link PreserveContextCallSiteInterceptor} stored in the invocation's attributes (or, if there is
 * none, the MDC of the thread it runs on), runs the body and restores that thread's own MDC
 * afterwards, also when the body throws: a pooled thread is left as it was found, nothing of the
 * call stays behind for the next task, and what the body changes never reaches the caller.
 * Applications do not use this class directly.
 */
@InterceptorBean(PreserveContext.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class PreserveContextBodyInterceptor implements MethodInterceptor<Object, Object> {

  /** Created by Micronaut. */
  public PreserveContextBodyInterceptor() {}

  /**
   * {@link LogctxMicronaut#BODY_ORDER}.
   *
   * @return the interceptor's order
   */
  @Override
  public int getOrder() {
    return LogctxMicronaut.BODY_ORDER;
  }

  /**
   * Runs the method body in the call-site context and restores this thread's MDC afterwards.
   *
   * @param context the intercepted call
   * @return what the method returned
   */
  @Override
  public @Nullable Object intercept(MethodInvocationContext<Object, Object> context) {
    return CallSite.proceedInBody(
        context.getAttribute(CallSite.ATTRIBUTE).orElse(null), context::proceed);
  }
}
