package dev.logctx.demo;

import dev.logctx.ContextualExecutors;
import dev.logctx.ContextualTasks;
import io.quarkus.runtime.ExecutorRecorder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Starts a task by one {@link Handover}, called on the request thread. Exists for the
 * copy-semantics tests only ({@link CopySemanticsResource}).
 */
@ApplicationScoped
public class Handovers {
  @Inject ManagedExecutor managedExecutor;
  @Inject ThreadContext threadContext;
  @Inject PreservedAsyncWork asyncWork;

  /** A plain pool, unknown to Vert.x and to logctx; threads are reused, and more made on demand. */
  private final ExecutorService plainPool;

  Handovers() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "copy-semantics-plain-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.plainPool = Executors.newCachedThreadPool(threads);
  }

  /**
   * Hands {@code task} over by {@code handover}, now, on the calling thread.
   *
   * @param name the task name for the handovers that take one
   * @return completes when the task is over, exceptionally if it threw
   */
  CompletableFuture<?> start(Handover handover, Runnable task, String name) {
    return switch (handover) {
      case MANAGED_EXECUTOR -> managedExecutor.runAsync(task);
      case RUN_IN_EXECUTOR_WITH_CONTEXT ->
          ContextualTasks.runInExecutorWithContext(managedExecutor, task);
      case CREATE_TASK_ON_MANAGED_EXECUTOR ->
          ContextualTasks.createTaskWithContext(task, name, managedExecutor);
      case CREATE_TASK_ON_DEFAULT_EXECUTOR -> ContextualTasks.createTaskWithContext(task, name);
      case THREAD_CONTEXT_ON_MANAGED_EXECUTOR ->
          CompletableFuture.runAsync(threadContext.contextualRunnable(task), managedExecutor);
      case THREAD_CONTEXT_ON_WORKER_POOL ->
          CompletableFuture.runAsync(threadContext.contextualRunnable(task), workerPool());
      case THREAD_CONTEXT_ON_PLAIN_POOL ->
          CompletableFuture.runAsync(threadContext.contextualRunnable(task), plainPool);
      case CONTEXTUAL_EXECUTOR_ON_WORKER_POOL ->
          CompletableFuture.runAsync(task, ContextualExecutors.wrap(workerPool()));
      case PRESERVE_CONTEXT_ASYNC_BEAN -> asyncWork.run(task).toCompletableFuture();
      case STAGE_COMPLETED_ON_WORKER_POOL -> completedOnWorkerPool(task);
      case WORKER_POOL_WITHOUT_LOGCTX -> CompletableFuture.runAsync(task, workerPool());
      case PLAIN_POOL_WITHOUT_LOGCTX -> CompletableFuture.runAsync(task, plainPool);
    };
  }

  /** {@code task} as a synchronous stage of a contextual future that the worker pool completes. */
  private static CompletableFuture<Void> completedOnWorkerPool(Runnable task) {
    CompletableFuture<Void> trigger = new CompletableFuture<>();
    CompletableFuture<Void> stage = ContextualTasks.withContextCapture(trigger).thenRun(task);
    workerPool().execute(() -> trigger.complete(null));
    return stage;
  }

  /**
   * Quarkus's worker pool ({@code executor-thread-N}), the executor behind the injected {@code
   * ManagedExecutor} and Fault Tolerance {@code @Asynchronous}: its context handler runs each task
   * on the Vert.x context of the thread that submitted it.
   */
  private static Executor workerPool() {
    return Objects.requireNonNull(ExecutorRecorder.getCurrent(), "Quarkus's worker pool");
  }

  @PreDestroy
  void shutdown() {
    plainPool.shutdownNow();
  }
}
