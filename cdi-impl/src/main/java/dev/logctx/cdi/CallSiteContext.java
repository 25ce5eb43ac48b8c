package dev.logctx.cdi;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.internal.ContextualFutures;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** What the two {@code @PreserveContext} interceptors share. */
final class CallSiteContext {

  /** Where the outer interceptor leaves the call-site snapshot for the inner one. */
  static final String CONTEXT_DATA_KEY = "dev.logctx.cdi.callSiteContext";

  private CallSiteContext() {}

  /**
   * The call-site snapshot the outer interceptor stored, or the current MDC when there is none
   * (the outer interceptor did not run).
   */
  static LogContext stored(@Nullable Object value) {
    return value instanceof LogContext ? (LogContext) value : LogContext.current();
  }

  /**
   * What the caller gets back: a returned {@code CompletionStage} becomes a contextual future
   * (each dependent stage runs in the context of the thread that adds it), provided the method
   * declares {@code CompletionStage} or {@code CompletableFuture}. Anything else is returned
   * unchanged, so a method that declares its own future type still gets exactly that type. The
   * returned future keeps the default executor of the method's own future (a framework's managed
   * executor stays in charge of {@code ...Async} stages), and cancelling it cancels the method's
   * future, which belongs to the caller. A contextual future is returned as it is.
   */
  static @Nullable Object followedInContext(@Nullable Object result, Method method) {
    return ContextualFutures.forCaller(
        result, method.getReturnType(), ContextualTasks.defaultExecutor());
  }

}
