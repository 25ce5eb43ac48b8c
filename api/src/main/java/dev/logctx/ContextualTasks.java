package dev.logctx;

import dev.logctx.internal.ContextualFutures;
import dev.logctx.internal.TaskIsolation;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Starts work on another thread in the caller's logging context: a named task of its own ({@code
 * createTaskWithContext}) or a task on an executor ({@code runInExecutorWithContext}).
 *
 * <pre>{@code
 * try (Scope scope = LogContext.bind("request_id", "req-123")) {
 *   ContextualTasks.createTaskWithContext(() -> log.info("background task"), "process-order-123");
 *   ContextualTasks.runInExecutorWithContext(pool, this::syncWork).join();
 * }
 * }</pre>
 *
 * <p>Every helper captures the caller's MDC when it is called and returns at once. The task runs
 * in a <em>copy</em> of that context: what it puts into or removes from the MDC reaches neither
 * the caller nor the next task on the same pooled thread, and the thread's own MDC is back
 * afterwards, also when the task throws or runs on the caller's own thread (caller-runs policy,
 * direct executor).
 *
 * <p>The returned futures are contextual, with the rule of MicroProfile {@code ManagedExecutor}:
 * every dependent stage ({@code thenApply}, {@code
 * whenComplete}, {@code exceptionally}..., synchronous or {@code ...Async}, with or without an
 * executor) runs in the logging context of the thread that <em>adds</em> it, whichever thread
 * completes the future; a stage added where the MDC is empty runs with an empty MDC. So a future
 * cached and shared by several requests never lends one request's id to another's stages.
 * Dependent futures, {@code copy()} and {@code minimalCompletionStage()} are contextual too.
 * {@code ...Async} stages without an executor run on {@link #defaultExecutor()}. Cancelling a
 * future before its task starts means the task never runs; cancelling does not interrupt a running
 * task. For futures made elsewhere (an HTTP client, a driver), {@link
 * #withContextCapture(CompletionStage)} gives the same rule.
 *
 * <p>If the executor rejects the task, the {@link java.util.concurrent.RejectedExecutionException}
 * is thrown by the helper, as {@link CompletableFuture#runAsync(Runnable, Executor)} does; the
 * caller's MDC is untouched.
 */
public final class ContextualTasks {
  private ContextualTasks() {}

  /**
   * Starts {@code task} now on the {@linkplain #defaultExecutor() default executor}, in the
   * caller's logging context.
   *
   * @param task the work
   * @param <T> its result type
   * @return a contextual future of its result
   * @throws NullPointerException if {@code task} is null
   */
  public static <T> CompletableFuture<T> createTaskWithContext(Callable<T> task) {
    return start(task, null, DefaultExecutor.INSTANCE);
  }

  /**
   * Starts a named task now on the {@linkplain #defaultExecutor() default executor}, in the
   * caller's logging context. While it runs, its thread carries {@code name} (so {@code %thread}
   * in a log pattern shows it); the thread's own name is back afterwards.
   *
   * @param task the work
   * @param name the thread name while the task runs, not blank
   * @param <T> its result type
   * @return a contextual future of its result
   * @throws NullPointerException if {@code task} or {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <T> CompletableFuture<T> createTaskWithContext(Callable<T> task, String name) {
    return start(task, requireName(name), DefaultExecutor.INSTANCE);
  }

  /**
   * Starts a named task now on {@code executor}, in the caller's logging context.
   *
   * @param task the work
   * @param name the thread name while the task runs, not blank
   * @param executor where it runs
   * @param <T> its result type
   * @return a contextual future of its result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <T> CompletableFuture<T> createTaskWithContext(
      Callable<T> task, String name, Executor executor) {
    return start(task, requireName(name), Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Starts {@code task} now on the {@linkplain #defaultExecutor() default executor}, in the
   * caller's logging context.
   *
   * @param task the work
   * @return a contextual future that completes when the task has run
   * @throws NullPointerException if {@code task} is null
   */
  public static CompletableFuture<Void> createTaskWithContext(Runnable task) {
    return start(callable(task), null, DefaultExecutor.INSTANCE);
  }

  /**
   * Starts a named task now on the {@linkplain #defaultExecutor() default executor}, in the
   * caller's logging context; its thread carries {@code name} while it runs.
   *
   * @param task the work
   * @param name the thread name while the task runs, not blank
   * @return a contextual future that completes when the task has run
   * @throws NullPointerException if {@code task} or {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static CompletableFuture<Void> createTaskWithContext(Runnable task, String name) {
    return start(callable(task), requireName(name), DefaultExecutor.INSTANCE);
  }

  /**
   * Starts a named task now on {@code executor}, in the caller's logging context; its thread
   * carries {@code name} while it runs.
   *
   * @param task the work
   * @param name the thread name while the task runs, not blank
   * @param executor where it runs
   * @return a contextual future that completes when the task has run
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static CompletableFuture<Void> createTaskWithContext(
      Runnable task, String name, Executor executor) {
    return start(
        callable(task), requireName(name), Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Runs {@code fn} on {@code executor} (or on the {@linkplain #defaultExecutor() default
   * executor} when it is null), in the caller's logging context.
   *
   * <pre>{@code
   * Receipt receipt = ContextualTasks.runInExecutorWithContext(pool, this::charge).join();
   * }</pre>
   *
   * @param executor where it runs; null for the default executor
   * @param fn the work
   * @param <T> its result type
   * @return a contextual future of its result
   * @throws NullPointerException if {@code fn} is null
   */
  public static <T> CompletableFuture<T> runInExecutorWithContext(
      @Nullable Executor executor, Callable<T> fn) {
    return start(fn, null, orDefault(executor));
  }

  /**
   * Runs {@code fn} on {@code executor} (or the default executor when null), in the caller's
   * logging context.
   *
   * @param executor where it runs; null for the default executor
   * @param fn the work
   * @return a contextual future that completes when {@code fn} has run
   * @throws NullPointerException if {@code fn} is null
   */
  public static CompletableFuture<Void> runInExecutorWithContext(
      @Nullable Executor executor, Runnable fn) {
    return start(callable(fn), null, orDefault(executor));
  }

  /**
   * Applies {@code fn} to {@code arg} on {@code executor} (or the default executor when null), in
   * the caller's logging context.
   *
   * <pre>{@code
   * CompletableFuture<Status> status =
   *     ContextualTasks.runInExecutorWithContext(null, this::processItem, "item-123");
   * }</pre>
   *
   * @param executor where it runs; null for the default executor
   * @param fn the work
   * @param arg its argument, passed as given (may be null if {@code fn} accepts null)
   * @param <A> the argument type
   * @param <R> the result type
   * @return a contextual future of its result
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A extends @Nullable Object, R> CompletableFuture<R> runInExecutorWithContext(
      @Nullable Executor executor, Function<A, R> fn, A arg) {
    Objects.requireNonNull(fn, "fn");
    return start(() -> fn.apply(arg), null, orDefault(executor));
  }

  /**
   * Applies {@code fn} to two arguments on {@code executor} (or the default executor when null),
   * in the caller's logging context.
   *
   * @param executor where it runs; null for the default executor
   * @param fn the work
   * @param a its first argument, passed as given
   * @param b its second argument, passed as given
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return a contextual future of its result
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A extends @Nullable Object, B extends @Nullable Object, R>
      CompletableFuture<R> runInExecutorWithContext(
          @Nullable Executor executor, BiFunction<A, B, R> fn, A a, B b) {
    Objects.requireNonNull(fn, "fn");
    return start(() -> fn.apply(a, b), null, orDefault(executor));
  }

  /**
   * The executor used when none is given: a new virtual thread per task on Java 21 and later
   * (threads named {@code logctx-virtual-N}); on Java 17 to 20 a shared pool of at most {@code
   * min(32, cores + 4)} daemon threads named {@code logctx-default-N}, whose idle threads end
   * after 60 seconds. Never the common fork-join pool. It cannot be shut down. It does not carry
   * the logging context by itself: the helpers of this class do.
   *
   * @return the default executor
   */
  public static Executor defaultExecutor() {
    return DefaultExecutor.INSTANCE;
  }

  /**
   * A contextual future that completes with {@code stage}'s result, for futures made elsewhere (an
   * HTTP client, a database driver): its dependent stages run in the logging context of the thread
   * that adds them, as those of the futures this class returns do. The counterpart of MicroProfile
   * {@code ThreadContext.withContextCapture}.
   *
   * <pre>{@code
   * ContextualTasks.withContextCapture(httpClient.sendAsync(request, ofString()))
   *     .thenAccept(response -> log.info("status {}", response.statusCode())); // request_id kept
   * }</pre>
   *
   * <p>{@code ...Async} stages without an executor run on {@code stage}'s own default executor when
   * it is a {@code CompletableFuture} (a framework's managed executor stays in charge), on the
   * {@linkplain #defaultExecutor() default executor} otherwise. Cancelling the returned future
   * does not cancel {@code stage}, which others may share: the returned future is a dependent copy,
   * as {@link CompletableFuture#copy()} is. A future of logctx's is returned unchanged (cancelling
   * it is cancelling that future); a contextual minimal stage gives its full future.
   *
   * @param stage the stage to follow
   * @param <T> its result type
   * @return a contextual future completed as {@code stage} is
   * @throws NullPointerException if {@code stage} is null
   */
  public static <T> CompletableFuture<T> withContextCapture(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return ContextualFutures.following(stage, DefaultExecutor.INSTANCE, false);
  }

  private static Executor orDefault(@Nullable Executor executor) {
    return executor == null ? DefaultExecutor.INSTANCE : executor;
  }

  private static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return name;
  }

  private static Callable<Void> callable(Runnable task) {
    Objects.requireNonNull(task, "task");
    return new RunnableAdapter(task);
  }

  private static <T> CompletableFuture<T> start(
      Callable<T> task, @Nullable String name, Executor executor) {
    Objects.requireNonNull(task, "task");
    CompletableFuture<T> future = ContextualFutures.incomplete(DefaultExecutor.INSTANCE);
    ContextualExecutors.unwrap(executor)
        .execute(new Task<>(task, name, LogContext.current(), future));
    return future;
  }

  private static final class RunnableAdapter implements Callable<Void> {
    private final Runnable task;

    RunnableAdapter(Runnable task) {
      this.task = task;
    }

    // Void has no value but null: the public methods return CompletableFuture<Void>, as the JDK's
    // runAsync does, and such a future completes with null.
    @SuppressWarnings("NullAway")
    @Override
    public Void call() {
      task.run();
      return null;
    }
  }

  /** What the executor runs: the task, in the captured context and under its name. */
  private static final class Task<T>
      implements Runnable, CompletableFuture.AsynchronousCompletionTask {
    private final Callable<T> body;
    private final @Nullable String name;
    private final LogContext context;
    private final CompletableFuture<T> future;

    Task(
        Callable<T> body,
        @Nullable String name,
        LogContext context,
        CompletableFuture<T> future) {
      this.body = body;
      this.name = name;
      this.context = context;
      this.future = future;
    }

    @Override
    public void run() {
      if (future.isDone()) {
        return; // cancelled (or completed from outside) before it started
      }
      T result = null;
      Throwable failure = null;
      Thread thread = Thread.currentThread();
      String threadName = name == null ? null : thread.getName();
      Scope scope;
      try {
        scope = TaskIsolation.attach(context);
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e); // the caller learns it; the task did not run
        return;
      }
      try {
        if (name != null) {
          thread.setName(name);
        }
        result = body.call();
      } catch (Throwable e) {
        failure = e;
      } finally {
        if (threadName != null) {
          thread.setName(threadName);
        }
        scope.close();
      }
      if (failure == null) {
        future.complete(result);
      } else {
        future.completeExceptionally(failure);
      }
    }

    @Override
    public String toString() {
      return "logctx task " + (name != null ? "'" + name + "' " : "") + body;
    }
  }
}
