package dev.logctx.internal;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CompletableFuture} whose every dependent stage runs in the logging context of the
 * thread that <em>adds</em> it, the rule of MicroProfile {@code ManagedExecutor}: synchronous
 * stages (which run on whatever thread completes this
 * future, or on the thread that adds them when it is already done) and asynchronous ones, with or
 * without an executor. A stage added where the MDC is empty runs with an empty MDC, so a future
 * shared by several requests never lends one request's id to another's stages. The thread that
 * runs a stage gets its own MDC back afterwards. Dependent futures are contextual too, and so is
 * {@link #minimalCompletionStage()}. {@code ...Async} stages without an executor run on {@link
 * #defaultExecutor()}. {@code complete}, {@code cancel} and timeouts behave as on a plain {@code
 * CompletableFuture}; {@code cancel} never throws.
 *
 * <p>Where the MDC lives in a storage shared with other threads (the Vert.x duplicated context of
 * a Quarkus request), a synchronous stage that runs on the thread and in the storage where it was
 * added — added to a future that is already done, or completed there — runs in place, as a
 * synchronous call does (see {@link TaskIsolation#handOverPoint()}): the Vert.x locals it writes
 * stay the request's; its MDC changes are still undone. Every other stage gets a storage of its own.
 *
 * <p>Not API: created through {@link ContextualFutures}; no public signature names this type.
 *
 * @param <T> the result type
 */
class ContextualFuture<T> extends CompletableFuture<T> {
  private final Executor defaultExecutor;
  /** What {@link #cancel(boolean)} cancels too: the future this one follows, when it owns it. */
  private final @Nullable Future<?> cancels;

  ContextualFuture(Executor defaultExecutor, @Nullable Future<?> cancels) {
    this.defaultExecutor = defaultExecutor;
    this.cancels = cancels;
  }

  /** Completes {@code target} as the stage it is added to completes. */
  static <T> BiConsumer<T, @Nullable Throwable> completing(CompletableFuture<T> target) {
    return (value, failure) -> {
      if (failure == null) {
        target.complete(value);
      } else {
        target.completeExceptionally(failure);
      }
    };
  }

  /** The context of a stage added now: the adding thread's. */
  private static LogContext adder() {
    return LogContext.current();
  }

  // A synchronous stage runs on the thread that adds it when this future is already done, or on
  // the thread that completes it. Where it runs on the thread and in the shared storage (the Vert.x
  // duplicated context) where it was added, it runs in place, as a synchronous call does: the
  // hand-over point is recorded here. Where there is none to record (no shared storage: every
  // application but one on Vert.x), the stage is the plain wrapper of LogContext, as before, and
  // nothing more is allocated. Asynchronous stages always hand their work to an executor: they
  // get the plain wrapper.

  private static <A, R> Function<A, R> syncFunction(Function<A, R> fn) {
    LogContext context = adder();
    Object point = TaskIsolation.handOverPoint();
    if (point == null) {
      return context.wrapFunction(fn);
    }
    Objects.requireNonNull(fn, "function");
    return value -> {
      Scope scope = TaskIsolation.attach(context, point);
      try {
        return fn.apply(value);
      } finally {
        scope.close();
      }
    };
  }

  private static <A> Consumer<A> syncConsumer(Consumer<A> action) {
    LogContext context = adder();
    Object point = TaskIsolation.handOverPoint();
    if (point == null) {
      return context.wrapConsumer(action);
    }
    Objects.requireNonNull(action, "consumer");
    return value -> {
      Scope scope = TaskIsolation.attach(context, point);
      try {
        action.accept(value);
      } finally {
        scope.close();
      }
    };
  }

  private static Runnable syncRunnable(Runnable action) {
    LogContext context = adder();
    Object point = TaskIsolation.handOverPoint();
    if (point == null) {
      return context.wrap(action);
    }
    Objects.requireNonNull(action, "task");
    return () -> {
      Scope scope = TaskIsolation.attach(context, point);
      try {
        action.run();
      } finally {
        scope.close();
      }
    };
  }

  private static <A, B, R> BiFunction<A, B, R> syncBiFunction(BiFunction<A, B, R> fn) {
    LogContext context = adder();
    Object point = TaskIsolation.handOverPoint();
    if (point == null) {
      return context.wrapBiFunction(fn);
    }
    Objects.requireNonNull(fn, "function");
    return (first, second) -> {
      Scope scope = TaskIsolation.attach(context, point);
      try {
        return fn.apply(first, second);
      } finally {
        scope.close();
      }
    };
  }

  private static <A, B> BiConsumer<A, B> syncBiConsumer(BiConsumer<A, B> action) {
    LogContext context = adder();
    Object point = TaskIsolation.handOverPoint();
    if (point == null) {
      return context.wrapBiConsumer(action);
    }
    Objects.requireNonNull(action, "consumer");
    return (first, second) -> {
      Scope scope = TaskIsolation.attach(context, point);
      try {
        action.accept(first, second);
      } finally {
        scope.close();
      }
    };
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ContextualFuture<>(defaultExecutor, null);
  }

  @Override
  public Executor defaultExecutor() {
    return defaultExecutor;
  }

  /**
   * Cancels this future and, when it was cancelled now, the future it follows if it owns it. Never
   * throws, as {@code CompletableFuture.cancel} never does: a followed future that refuses (its
   * {@code cancel} throws) runs on, and this one is cancelled all the same.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Future<?> owned = cancels;
    if (cancelled && owned != null) {
      try {
        owned.cancel(mayInterruptIfRunning);
      } catch (RuntimeException refused) {
        // a future that cannot be cancelled (a read-only stage not recognised as one); the
        // caller's future is cancelled, which is all cancel promises
      }
    }
    return cancelled;
  }

  @Override
  public CompletionStage<T> minimalCompletionStage() {
    Minimal<T> minimal = new Minimal<>(defaultExecutor);
    super.whenComplete(minimal::relay);
    return minimal;
  }

  @Override
  public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    return super.thenApply(syncFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
    return super.thenApplyAsync(adder().wrapFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(
      Function<? super T, ? extends U> fn, Executor executor) {
    return super.thenApplyAsync(adder().wrapFunction(fn), executor);
  }

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    return super.thenAccept(syncConsumer(action));
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action) {
    return super.thenAcceptAsync(adder().wrapConsumer(action));
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
    return super.thenAcceptAsync(adder().wrapConsumer(action), executor);
  }

  @Override
  public CompletableFuture<Void> thenRun(Runnable action) {
    return super.thenRun(syncRunnable(action));
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action) {
    return super.thenRunAsync(adder().wrap(action));
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action, Executor executor) {
    return super.thenRunAsync(adder().wrap(action), executor);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombine(
      CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    return super.thenCombine(other, syncBiFunction(fn));
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(
      CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    return super.thenCombineAsync(other, adder().wrapBiFunction(fn));
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(
      CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn,
      Executor executor) {
    return super.thenCombineAsync(other, adder().wrapBiFunction(fn), executor);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(
      CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    return super.thenAcceptBoth(other, syncBiConsumer(action));
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(
      CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    return super.thenAcceptBothAsync(other, adder().wrapBiConsumer(action));
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(
      CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action,
      Executor executor) {
    return super.thenAcceptBothAsync(other, adder().wrapBiConsumer(action), executor);
  }

  @Override
  public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    return super.runAfterBoth(other, syncRunnable(action));
  }

  @Override
  public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
    return super.runAfterBothAsync(other, adder().wrap(action));
  }

  @Override
  public CompletableFuture<Void> runAfterBothAsync(
      CompletionStage<?> other, Runnable action, Executor executor) {
    return super.runAfterBothAsync(other, adder().wrap(action), executor);
  }

  @Override
  public <U> CompletableFuture<U> applyToEither(
      CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return super.applyToEither(other, syncFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(
      CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return super.applyToEitherAsync(other, adder().wrapFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(
      CompletionStage<? extends T> other, Function<? super T, U> fn, Executor executor) {
    return super.applyToEitherAsync(other, adder().wrapFunction(fn), executor);
  }

  @Override
  public CompletableFuture<Void> acceptEither(
      CompletionStage<? extends T> other, Consumer<? super T> action) {
    return super.acceptEither(other, syncConsumer(action));
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(
      CompletionStage<? extends T> other, Consumer<? super T> action) {
    return super.acceptEitherAsync(other, adder().wrapConsumer(action));
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(
      CompletionStage<? extends T> other, Consumer<? super T> action, Executor executor) {
    return super.acceptEitherAsync(other, adder().wrapConsumer(action), executor);
  }

  @Override
  public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    return super.runAfterEither(other, syncRunnable(action));
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
    return super.runAfterEitherAsync(other, adder().wrap(action));
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(
      CompletionStage<?> other, Runnable action, Executor executor) {
    return super.runAfterEitherAsync(other, adder().wrap(action), executor);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenCompose(syncFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenComposeAsync(adder().wrapFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    return super.thenComposeAsync(adder().wrapFunction(fn), executor);
  }

  @Override
  public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    return super.handle(syncBiFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
    return super.handleAsync(adder().wrapBiFunction(fn));
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(
      BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
    return super.handleAsync(adder().wrapBiFunction(fn), executor);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    return super.whenComplete(syncBiConsumer(action));
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
    return super.whenCompleteAsync(adder().wrapBiConsumer(action));
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(
      BiConsumer<? super T, ? super Throwable> action, Executor executor) {
    return super.whenCompleteAsync(adder().wrapBiConsumer(action), executor);
  }

  @Override
  public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    return super.exceptionally(syncFunction(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
    return super.exceptionallyAsync(adder().wrapFunction(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(
      Function<Throwable, ? extends T> fn, Executor executor) {
    return super.exceptionallyAsync(adder().wrapFunction(fn), executor);
  }

  @Override
  public CompletableFuture<T> exceptionallyCompose(
      Function<Throwable, ? extends CompletionStage<T>> fn) {
    return super.exceptionallyCompose(syncFunction(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(
      Function<Throwable, ? extends CompletionStage<T>> fn) {
    return super.exceptionallyComposeAsync(adder().wrapFunction(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(
      Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
    return super.exceptionallyComposeAsync(adder().wrapFunction(fn), executor);
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    return super.completeAsync(adder().wrapSupplier(supplier), executor);
  }

  /**
   * The minimal stage of a contextual future: dependent stages are contextual, everything that
   * reads or completes it throws {@link UnsupportedOperationException}, as the JDK's own minimal
   * stage does; {@link #toCompletableFuture()} gives a contextual future that completes with it.
   */
  private static final class Minimal<T> extends ContextualFuture<T> {
    Minimal(Executor defaultExecutor) {
      super(defaultExecutor, null);
    }

    void relay(@Nullable T value, @Nullable Throwable failure) {
      if (failure == null) {
        super.complete(value);
      } else {
        super.completeExceptionally(failure);
      }
    }

    private static UnsupportedOperationException minimal() {
      return new UnsupportedOperationException("a minimal completion stage");
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new Minimal<>(defaultExecutor());
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
      ContextualFuture<T> full = new ContextualFuture<>(defaultExecutor(), null);
      super.whenComplete(completing(full));
      return full;
    }

    @Override
    public T get() {
      throw minimal();
    }

    @Override
    public T get(long timeout, TimeUnit unit) {
      throw minimal();
    }

    @Override
    public T getNow(T valueIfAbsent) {
      throw minimal();
    }

    @Override
    public T join() {
      throw minimal();
    }

    @Override
    public boolean complete(T value) {
      throw minimal();
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      throw minimal();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      throw minimal();
    }

    @Override
    public void obtrudeValue(T value) {
      throw minimal();
    }

    @Override
    public void obtrudeException(Throwable ex) {
      throw minimal();
    }

    @Override
    public boolean isDone() {
      throw minimal();
    }

    @Override
    public boolean isCancelled() {
      throw minimal();
    }

    @Override
    public boolean isCompletedExceptionally() {
      throw minimal();
    }

    @Override
    public int getNumberOfDependents() {
      throw minimal();
    }

    /** {@code resultNow()} of Java 19+, which this method overrides there. */
    public T resultNow() {
      throw minimal();
    }

    /** {@code exceptionNow()} of Java 19+, which this method overrides there. */
    public Throwable exceptionNow() {
      throw minimal();
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
      throw minimal();
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
      throw minimal();
    }

    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
      throw minimal();
    }

    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
      throw minimal();
    }
  }
}
