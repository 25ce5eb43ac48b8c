package dev.logctx.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Creates logctx's contextual futures (not API): futures whose every dependent stage runs in the
 * logging context of the thread that adds it. Public signatures never name the implementation
 * type; callers see a {@link CompletableFuture}.
 */
public final class ContextualFutures {
  private ContextualFutures() {}

  /**
   * An incomplete contextual future.
   *
   * @param defaultExecutor where {@code ...Async} stages without an executor run
   * @param <T> the result type
   * @return the future
   */
  public static <T> CompletableFuture<T> incomplete(Executor defaultExecutor) {
    return new ContextualFuture<>(Objects.requireNonNull(defaultExecutor, "defaultExecutor"), null);
  }

  /**
   * A contextual future that completes as {@code stage} does; {@code stage} itself when it is a
   * contextual future already (its full future when it is a contextual minimal stage). {@code
   * ...Async} stages without an executor run on the default executor of {@code stage} when it is a
   * {@code CompletableFuture} (a framework's managed executor stays in charge), on {@code fallback}
   * otherwise.
   *
   * @param stage the stage to follow
   * @param fallback the default executor when {@code stage} names none
   * @param owned whether cancelling the returned future cancels {@code stage} too (the caller owns
   *     {@code stage}, as the caller of a method owns the future the method returned), where {@code
   *     stage} can be cancelled: a minimal stage, or any stage that is no {@code Future}, is left
   *     to complete; cancelling the returned future never throws
   * @param <T> the result type
   * @return the contextual future
   */
  public static <T> CompletableFuture<T> following(
      CompletionStage<T> stage, Executor fallback, boolean owned) {
    Objects.requireNonNull(stage, "stage");
    if (stage instanceof ContextualFuture) {
      // already contextual: the same future (a minimal stage gives its full, readable copy)
      return stage.toCompletableFuture();
    }
    Executor defaultExecutor =
        stage instanceof CompletableFuture
            ? ((CompletableFuture<T>) stage).defaultExecutor()
            : Objects.requireNonNull(fallback, "fallback");
    Future<?> cancels = owned ? cancellable(stage) : null;
    ContextualFuture<T> future = new ContextualFuture<>(defaultExecutor, cancels);
    stage.whenComplete(ContextualFuture.completing(future));
    return future;
  }

  /**
   * {@code stage} as a future whose {@code cancel} can be forwarded; null when it is no {@code
   * Future} or a minimal stage, whose {@code cancel} throws: a {@code CompletableFuture} subclass
   * that is not its own {@code toCompletableFuture()} is only a read-only view of another future
   * (the JDK's {@code minimalCompletionStage()}). A plain {@code CompletableFuture} needs no check.
   */
  private static @Nullable Future<?> cancellable(CompletionStage<?> stage) {
    if (!(stage instanceof Future)) {
      return null;
    }
    if (stage.getClass() != CompletableFuture.class
        && stage instanceof CompletableFuture
        && stage.toCompletableFuture() != stage) {
      return null;
    }
    return (Future<?>) stage;
  }

  /**
   * What the caller of an intercepted {@code @PreserveContext} method gets back (the rule every
   * interceptor of logctx shares): a returned {@code CompletionStage} becomes a contextual future
   * (each dependent stage runs in the context of the thread that adds it), provided the method
   * declares {@code CompletionStage} or {@code CompletableFuture}; anything else is returned
   * unchanged, so a method that declares its own future type still gets exactly that type. The
   * future keeps the default executor of the method's own future, and cancelling it cancels the
   * method's future, which belongs to the caller, where that future can be cancelled (not a
   * minimal stage); cancelling it never throws.
   *
   * @param result what the method returned, may be null
   * @param declared the method's declared return type
   * @param fallback the default executor when the returned stage names none
   * @return the contextual future, or {@code result} itself
   */
  public static @Nullable Object forCaller(
      @Nullable Object result, Class<?> declared, Executor fallback) {
    if (!(result instanceof CompletionStage)) {
      return result;
    }
    if (declared != CompletionStage.class && declared != CompletableFuture.class) {
      return result;
    }
    return following((CompletionStage<?>) result, fallback, true);
  }
}
