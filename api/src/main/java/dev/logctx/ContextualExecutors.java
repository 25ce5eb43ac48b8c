package dev.logctx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Decorates an executor once so that every task submitted to it runs in the logging context of
 * the thread that submitted it.
 *
 * <pre>{@code
 * ExecutorService pool = ContextualExecutors.wrap(Executors.newFixedThreadPool(4));
 * pool.submit(() -> log.info("carries the submitter's request_id"));
 * }</pre>
 *
 * <p>The context is captured at submission ({@code execute}, {@code submit}, {@code invokeAll},
 * {@code schedule}...), never when the task starts. A periodic task runs every time in the
 * context captured when it was scheduled, and each run starts from that snapshot again. Shutdown,
 * {@code close()} (Java 19+) and the other lifecycle methods go to the wrapped executor
 * unchanged. Wrapping is idempotent: wrapping an executor this class returned gives it back
 * unchanged.
 *
 * <p>Where work gets a thread of its own rather than a task on an executor (the forks of a
 * structured task scope, a thread-per-task executor), {@link #threadFactory(ThreadFactory)} wraps
 * the thread factory instead: each thread runs in the context of its {@code newThread} call.
 */
public final class ContextualExecutors {
  private ContextualExecutors() {}

  /**
   * An executor that runs each task in its submitter's logging context.
   *
   * @param executor the executor that runs the tasks
   * @return the contextual executor ({@code executor} itself if it is one already)
   * @throws NullPointerException if {@code executor} is null
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor instanceof Contextual) {
      return executor;
    }
    return new ContextualExecutor(executor);
  }

  /**
   * An executor service that runs each task in its submitter's logging context.
   *
   * @param executor the executor service that runs the tasks
   * @return the contextual executor service ({@code executor} itself if it is one already)
   * @throws NullPointerException if {@code executor} is null
   */
  public static ExecutorService wrap(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor instanceof Contextual) {
      return executor;
    }
    return new ContextualExecutorService(executor);
  }

  /**
   * A scheduled executor service that runs each task, one-shot or periodic, in the logging
   * context of the thread that scheduled it.
   *
   * @param executor the scheduled executor service that runs the tasks
   * @return the contextual scheduled executor service ({@code executor} itself if it is one
   *     already)
   * @throws NullPointerException if {@code executor} is null
   */
  public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor instanceof ContextualScheduledExecutorService) {
      return executor;
    }
    return new ContextualScheduledExecutorService(executor);
  }

  /**
   * A thread factory whose threads each run their task in the logging context that was current
   * where {@code newThread} was called: for a thread per task, such as the forks of a structured
   * task scope (Java 25, a preview API there) or a thread-per-task executor.
   *
   * <pre>{@code
   * ThreadFactory threads = ContextualExecutors.threadFactory(Thread.ofVirtual().factory());
   * try (var scope = StructuredTaskScope.open(Joiner.awaitAllSuccessfulOrThrow(),
   *     cf -> cf.withThreadFactory(threads))) {
   *   scope.fork(() -> log.info("carries the owner's request_id of the fork moment"));
   *   scope.join();
   * }
   * }</pre>
   *
   * <p>{@code newThread} captures the calling thread's MDC (one read, no copy of the map: as
   * {@link LogContext#current()}) and hands the delegate the task wrapped in that snapshot, so the
   * context is the one of the {@code newThread} call, not of the thread's start. As for every task,
   * the thread runs in a <em>copy</em>: what it puts into or removes from the MDC reaches neither
   * the thread that created it nor its siblings, and when the task returns or throws the thread's
   * MDC is put back as it was before (empty for a new thread), so the thread ends clean; an
   * uncaught-exception handler runs after that, without the context.
   *
   * <p><b>Pools.</b> A pool's thread runs a loop that takes later tasks, of other requests, on the
   * thread that one submission created; lending the creator's context to that loop would give each
   * later task the creator's request id. So a worker of the JDK's {@code ThreadPoolExecutor} (also
   * {@code ScheduledThreadPoolExecutor} and the {@code Executors.newFixedThreadPool(n, factory)}
   * family) is recognised and gets the empty context instead: its tasks run with the thread's own
   * MDC, as on a pool without this factory. To run a pool's tasks in their submitters' context,
   * wrap the pool with {@link #wrap(ExecutorService)}. Other pools that run a loop on the thread
   * they create (an event loop, a servlet container's pool) are not recognised: do not give them
   * this factory, their threads would keep the context of whichever request created them.
   *
   * <p>Wrapping is idempotent: a factory this method returned is given back unchanged. When the
   * delegate refuses to create a thread and returns null, {@code newThread} returns null too.
   *
   * @param factory the factory that creates the threads
   * @return the contextual thread factory ({@code factory} itself if it is one already)
   * @throws NullPointerException if {@code factory} is null; the returned factory's {@code
   *     newThread} throws it, naming {@code task}, for a null task
   */
  public static ThreadFactory threadFactory(ThreadFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (factory instanceof ContextualThreadFactory) {
      return factory;
    }
    return new ContextualThreadFactory(factory);
  }

  private static final class ContextualThreadFactory implements ThreadFactory {
    /**
     * The class of a {@code ThreadPoolExecutor}'s worker loop (package-private in the JDK; found
     * by name, never instantiated or opened), or null where the JDK has no such class.
     */
    private static final @Nullable Class<?> POOL_WORKER = poolWorkerClass();

    private final ThreadFactory delegate;

    ContextualThreadFactory(ThreadFactory delegate) {
      this.delegate = delegate;
    }

    private static @Nullable Class<?> poolWorkerClass() {
      try {
        return Class.forName("java.util.concurrent.ThreadPoolExecutor$Worker", false, null);
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    }

    @Override
    public @Nullable Thread newThread(Runnable task) {
      Objects.requireNonNull(task, "task");
      LogContext context =
          task.getClass() == POOL_WORKER ? LogContext.empty() : LogContext.current();
      return delegate.newThread(context.wrap(task));
    }

    @Override
    public String toString() {
      return "Contextual[" + delegate + "]";
    }
  }

  /**
   * The executor under a contextual wrapper, for code that attaches the context itself (saves
   * attaching the same snapshot twice).
   */
  static Executor unwrap(Executor executor) {
    return executor instanceof Contextual ? ((Contextual) executor).delegate() : executor;
  }

  /** Marks the wrappers of this class. */
  private interface Contextual {
    Executor delegate();
  }

  private static final class ContextualExecutor implements Executor, Contextual {
    private final Executor delegate;

    ContextualExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(LogContext.current().wrap(command));
    }

    @Override
    public Executor delegate() {
      return delegate;
    }

    @Override
    public String toString() {
      return "Contextual[" + delegate + "]";
    }
  }

  private static class ContextualExecutorService implements ExecutorService, Contextual {
    private final ExecutorService delegate;

    ContextualExecutorService(ExecutorService delegate) {
      this.delegate = delegate;
    }

    static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
      Objects.requireNonNull(tasks, "tasks");
      LogContext context = LogContext.current();
      List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        wrapped.add(context.wrap(task));
      }
      return wrapped;
    }

    @Override
    public Executor delegate() {
      return delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(LogContext.current().wrap(command));
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(LogContext.current().wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(LogContext.current().wrap(task), result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(LogContext.current().wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    /**
     * Closes the wrapped executor service: {@code ExecutorService.close()} on Java 19 and later,
     * which this method overrides there. Forwarding matters: the inherited default would shut down
     * and then wait for termination, which never comes for {@code ForkJoinPool.commonPool()}.
     */
    public void close() {
      if (delegate instanceof AutoCloseable) { // every ExecutorService on Java 19 and later
        try {
          ((AutoCloseable) delegate).close();
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("closing " + delegate + " failed", e);
        }
      } else {
        delegate.shutdown(); // Java 17 and 18 have no close(); nothing there calls this method
      }
    }

    @Override
    public String toString() {
      return "Contextual[" + delegate + "]";
    }
  }

  private static final class ContextualScheduledExecutorService extends ContextualExecutorService
      implements ScheduledExecutorService {
    private final ScheduledExecutorService delegate;

    ContextualScheduledExecutorService(ScheduledExecutorService delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return delegate.schedule(LogContext.current().wrap(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return delegate.schedule(LogContext.current().wrap(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      return delegate.scheduleAtFixedRate(
          LogContext.current().wrap(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return delegate.scheduleWithFixedDelay(
          LogContext.current().wrap(command), initialDelay, delay, unit);
    }
  }
}
