package dev.logctx.micronaut;

import dev.logctx.LogContext;
import dev.logctx.PreserveContext;
import dev.logctx.Scope;
import dev.logctx.internal.TaskIsolation;
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
 * <p>It attaches the call-site snapshot that {@link PreserveContextCallSiteInterceptor} stored (or,
 * if there is none, the MDC of the thread it runs on), runs the body and restores that thread's
 * own MDC afterwards, also when the body throws: a pooled thread is left as it was found, nothing
 * of the call stays behind for the next task, and what the body changes never reaches the caller.
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
    Object stored =
        context.getAttribute(PreserveContextCallSiteInterceptor.CALL_SITE_ATTRIBUTE).orElse(null);
    LogContext callSite = stored instanceof LogContext ? (LogContext) stored : LogContext.current();
    Object handOverPoint =
        context
            .getAttribute(PreserveContextCallSiteInterceptor.HAND_OVER_POINT_ATTRIBUTE)
            .orElse(null);
    Scope scope = TaskIsolation.attach(callSite, handOverPoint);
    try {
      return context.proceed();
    } finally {
      scope.close();
    }
  }
}
