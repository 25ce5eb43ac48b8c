package dev.logctx.internal;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The two-step protocol of {@code @PreserveContext} (not API), written once for the interceptors
 * of every framework: a framework adds only its glue — where it keeps a value for the rest of one
 * invocation, and how it proceeds.
 *
 * <ol>
 *   <li><b>At the call site</b>, first, on the calling thread, before any interceptor can move the
 *       call to another thread: {@link #capture()} takes the caller's MDC and where the call is
 *       handed over (the thread, and the storage its MDC lives in where a framework shares one);
 *       the framework keeps the result under {@link #ATTRIBUTE} in the invocation's data. {@link
 *       #proceed(Invocation, Class)} then runs the rest of the call in that snapshot, so the
 *       caller's MDC after the call equals its MDC before, also when the body ran on the caller's
 *       thread and changed it, and also when it throws.
 *   <li><b>Around the body</b>, last, on whatever thread runs it: {@link #proceedInBody(Object,
 *       Invocation)} attaches the stored snapshot for the body (or, when the call-site step did
 *       not run, the MDC of that thread) and restores that thread's own MDC afterwards. A body that
 *       runs where the call was handed over runs in place; anywhere else it gets a storage of its
 *       own where the framework shares one ({@link TaskIsolation}).
 * </ol>
 *
 * <p>What the caller gets back follows the futures rule ({@link ContextualFutures#forCaller}): a
 * {@code CompletionStage} returned by a method that declares {@code CompletionStage} or {@code
 * CompletableFuture} becomes a contextual future whose dependent stages run in the context of the
 * thread that adds them; cancelling it cancels the method's own future where that can be
 * cancelled. Anything else is returned as it is.
 *
 * <p>Nothing here throws into the framework (rule 7): a failure of the MDC adapter while capturing,
 * attaching or restoring is handled as everywhere else in logctx, and the call runs and returns
 * its result; what the call itself throws is thrown on, unchanged.
 */
public final class CallSite {
  /** The key under which a framework keeps the captured call site for the body step: {@value}. */
  public static final String ATTRIBUTE = "dev.logctx.callSite";

  private final LogContext context;
  private final @Nullable Object handOverPoint;

  private CallSite(LogContext context, @Nullable Object handOverPoint) {
    this.context = context;
    this.handOverPoint = handOverPoint;
  }

  /**
   * The rest of one intercepted invocation, as the framework proceeds with it.
   *
   * @param <E> what proceeding may throw
   */
  @FunctionalInterface
  public interface Invocation<E extends Exception> {
    /**
     * Proceeds with the invocation.
     *
     * @return what the invocation returned
     * @throws E what it threw
     */
    @Nullable Object proceed() throws E;
  }

  /**
   * Captures the call site: the calling thread's MDC, now, and where the call is handed over. Call
   * it on the calling thread, before anything can move the call elsewhere.
   *
   * @return the call site, to keep under {@link #ATTRIBUTE} for the body step
   */
  public static CallSite capture() {
    return new CallSite(LogContext.current(), TaskIsolation.handOverPoint());
  }

  /**
   * Runs the rest of the call on this thread in the captured snapshot, restores the caller's MDC,
   * and gives back what the caller gets: a contextual future for a {@code CompletionStage} returned
   * by a method that declares {@code CompletionStage} or {@code CompletableFuture}, else exactly
   * what the method returned.
   *
   * @param rest the rest of the call
   * @param declared the intercepted method's declared return type
   * @param <E> what proceeding may throw
   * @return what the caller gets
   * @throws E what the rest of the call threw
   */
  public <E extends Exception> @Nullable Object proceed(Invocation<E> rest, Class<?> declared)
      throws E {
    Object result;
    Scope scope = context.attach();
    try {
      result = rest.proceed();
    } finally {
      scope.close();
    }
    return ContextualFutures.forCaller(result, declared, ContextualTasks.defaultExecutor());
  }

  /**
   * Runs the method body in the call-site snapshot and restores this thread's MDC afterwards,
   * also when the body throws.
   *
   * @param stored what the framework kept under {@link #ATTRIBUTE}; when it is no call site (the
   *     call-site step did not run), the body runs in the MDC of this thread, as a task would
   * @param body the body
   * @param <E> what proceeding may throw
   * @return what the body returned
   * @throws E what the body threw
   */
  public static <E extends Exception> @Nullable Object proceedInBody(
      @Nullable Object stored, Invocation<E> body) throws E {
    Scope scope =
        stored instanceof CallSite
            ? TaskIsolation.attach(((CallSite) stored).context, ((CallSite) stored).handOverPoint)
            : TaskIsolation.attach(LogContext.current(), null);
    try {
      return body.proceed();
    } finally {
      scope.close();
    }
  }

  /**
   * {@link #proceedInBody(Object, Invocation)}, and what the body returns is handed on as the
   * caller gets it (the futures rule): an incomplete {@code CompletionStage} returned by a method
   * that declares {@code CompletionStage} or {@code CompletableFuture} becomes a contextual future,
   * so a stage that an interceptor between the call site and the body adds to it (Fault
   * Tolerance's observation of each attempt, which logs, retries and falls back) runs in the
   * context of the thread that adds it, not of the thread that completes the body's stage.
   * Anything else, a completed future included, is returned as it is.
   *
   * @param stored what the framework kept under {@link #ATTRIBUTE}
   * @param body the body
   * @param declared the intercepted method's declared return type
   * @param <E> what proceeding may throw
   * @return what the body returned, or a contextual future that follows it
   * @throws E what the body threw
   */
  public static <E extends Exception> @Nullable Object proceedInBody(
      @Nullable Object stored, Invocation<E> body, Class<?> declared) throws E {
    Object result = proceedInBody(stored, body);
    if (result != null
        && result.getClass() == CompletableFuture.class
        && ((CompletableFuture<?>) result).isDone()) {
      // Its dependents run at once, where they are added. (Only a plain CompletableFuture is
      // asked: a minimal stage, a subclass too, throws on isDone.)
      return result;
    }
    return ContextualFutures.forCaller(result, declared, ContextualTasks.defaultExecutor());
  }

  @Override
  public String toString() {
    return "CallSite{" + context + "}";
  }
}
