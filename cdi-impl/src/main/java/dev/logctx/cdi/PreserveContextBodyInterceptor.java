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
 * The inner of the two interceptors that serve {@link PreserveContext}: it runs last, right around
 * the method body, on whatever thread finally runs it.
 *
 * <p>It is the body step of logctx's one {@code @PreserveContext} protocol ({@code
 * dev.logctx.internal.CallSite}), with CDI's glue: it attaches the call-site snapshot that {@link
 * PreserveContextCallSiteInterceptor} stored in {@link InvocationContext#getContextData()} (or,
 * if there is none, the MDC of the thread it runs on), runs the body, and restores that thread's
 * own MDC afterwards, also when the body throws. A pooled thread is left as it was found: nothing
 * of the call stays behind for the next task.
 *
 * <p>A method that declares {@code CompletionStage} or {@code CompletableFuture} and returns an
 * incomplete stage hands on a contextual future that follows it: what an interceptor in between
 * adds to it (Fault Tolerance's handling of each attempt's outcome: its log lines, the retry, the
 * fallback) runs in the context of the thread that adds it, whichever thread completes the
 * method's stage — not in the context of that thread, which may belong to another request.
 *
 * <p>Where the framework keeps the MDC outside the thread (Quarkus: in the Vert.x duplicated
 * context), a body that runs on another thread, or on another Vert.x context, than the call gets a
 * context of its own ({@code TaskIsolation}); a body that runs on the calling thread and context (a
 * synchronous call) runs in place, so the Vert.x locals it writes stay the caller's, while its MDC
 * changes are still undone when it returns.
 *
 * <p>Its {@link #PRIORITY} puts it after every interceptor that moves a call to another thread:
 * Jakarta Concurrency's {@code @Asynchronous} ({@code PLATFORM_BEFORE + 5}) and MicroProfile Fault
 * Tolerance ({@code PLATFORM_AFTER + 10}, which runs its {@code @Asynchronous}, {@code @Timeout},
 * {@code @Bulkhead} and retries). Interceptors of the application ({@code APPLICATION} range) that run
 * after such an interceptor moved the call do not see the call-site context; the body always does.
 * Applications do not use this class directly.
 */
@Interceptor
@PreserveContext
@Priority(PreserveContextBodyInterceptor.PRIORITY)
public final class PreserveContextBodyInterceptor implements Serializable {

  /**
   * {@code Interceptor.Priority.PLATFORM_AFTER + 100}: after MicroProfile Fault Tolerance ({@code
   * PLATFORM_AFTER + 10}) and Jakarta Concurrency's {@code @Asynchronous} ({@code PLATFORM_BEFORE +
   * 5}), with room for other platform interceptors that run at {@code PLATFORM_AFTER} plus a few.
   */
  public static final int PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 100;

  private static final long serialVersionUID = 1L;

  /** Created by the CDI container. */
  public PreserveContextBodyInterceptor() {}

  /**
   * Runs the method body in the call-site context and restores this thread's MDC afterwards.
   *
   * @param invocation the intercepted call
   * @return what the method returned
   * @throws Exception what the method threw
   */
  @AroundInvoke
  public @Nullable Object attachCallSiteContext(InvocationContext invocation) throws Exception {
    return CallSite.proceedInBody(
        invocation.getContextData().get(CallSite.ATTRIBUTE),
        invocation::proceed,
        invocation.getMethod().getReturnType());
  }
}
