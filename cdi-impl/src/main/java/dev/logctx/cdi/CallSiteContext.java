package dev.logctx.cdi;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.internal.ContextualFuture;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
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
   * What the caller gets back: a returned {@code CompletionStage} becomes a future whose dependent
   * stages run in {@code callSite}, provided the method declares {@code CompletionStage} or {@code
   * CompletableFuture} (a {@code ContextualFuture} is both). Anything else is returned unchanged,
   * so a method that declares its own future type still gets exactly that type.
   */
  static @Nullable Object followedInContext(
      @Nullable Object result, Method method, LogContext callSite) {
    if (!(result instanceof CompletionStage)) {
      return result;
    }
    Class<?> declared = method.getReturnType();
    if (declared != CompletionStage.class && declared != CompletableFuture.class) {
      return result;
    }
    if (result instanceof ContextualFuture
        && ((ContextualFuture<?>) result).context().equals(callSite)) {
      return result; // a nested @PreserveContext call already did it
    }
    CompletionStage<?> stage = (CompletionStage<?>) result;
    ContextualFuture<?> followed =
        ContextualFuture.following(stage, callSite, ContextualTasks.defaultExecutor());
    if (stage instanceof Future) {
      followed.whenComplete(new CancellationForwarder((Future<?>) stage, followed));
    }
    return followed;
  }

  /** Cancelling what the caller got cancels what the method returned, as it would without us. */
  private static final class CancellationForwarder implements BiConsumer<Object, Throwable> {
    private final Future<?> returned;
    private final Future<?> followed;

    CancellationForwarder(Future<?> returned, Future<?> followed) {
      this.returned = returned;
      this.followed = followed;
    }

    @Override
    public void accept(@Nullable Object value, @Nullable Throwable failure) {
      if (followed.isCancelled() && !returned.isDone()) {
        returned.cancel(false);
      }
    }
  }
}
