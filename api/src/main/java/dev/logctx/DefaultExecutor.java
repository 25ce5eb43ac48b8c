package dev.logctx;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The executor of {@code runInExecutorWithContext(null, ...)} and of tasks created without one.
 *
 * <p>On Java 21 and later: a new virtual thread per task, named {@code logctx-virtual-N}. On Java
 * 17 to 20: a shared pool of at most {@code min(32, cores + 4)} daemon threads named {@code
 * logctx-default-N} (room for blocking work beside the cores) with an unbounded queue; idle
 * threads end after 60 seconds. Never the common fork-join pool, which is sized for computation,
 * not for blocking work. It cannot be shut down. Its threads inherit no {@code
 * InheritableThreadLocal} values of the thread that happened to start them (an MDC kept in one,
 * as JBoss LogManager's, would otherwise stay on them as a stale baseline).
 *
 * <p>Context class loader: a task runs with the context class loader of the thread that submitted
 * it, on every Java version, and the thread gets its own back afterwards. The pool's threads
 * themselves hold the loader of logctx, never the loader of the thread that happened to start
 * them: in a server that shares logctx between applications, a long-lived pool thread would
 * otherwise keep one application's loader alive and run other applications' tasks with it. (A
 * virtual thread that inherits no inheritable thread locals starts with the system class loader.)
 */
final class DefaultExecutor implements Executor {
  static final DefaultExecutor INSTANCE = forJava(Runtime.version().feature());

  private final ExecutorService service;
  private final boolean virtual;

  private DefaultExecutor(ExecutorService service, boolean virtual) {
    this.service = service;
    this.virtual = virtual;
  }

  /**
   * The default executor for a Java feature release. Virtual threads only from 21 on, where they
   * are final: on 19 and 20 they are a preview API that fails without {@code --enable-preview},
   * so it is never touched there.
   */
  static DefaultExecutor forJava(int feature) {
    ExecutorService virtualThreads = feature >= 21 ? virtualThreadPerTask() : null;
    return virtualThreads != null
        ? new DefaultExecutor(virtualThreads, true)
        : new DefaultExecutor(daemonPool(), false);
  }

  /** Whether tasks run on virtual threads. */
  boolean virtual() {
    return virtual;
  }

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    service.execute(
        new WithContextClassLoader(command, Thread.currentThread().getContextClassLoader()));
  }

  @Override
  public String toString() {
    return virtual
        ? "logctx default executor (virtual thread per task)"
        : "logctx default executor (daemon thread pool)";
  }

  /** Java 21+: {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(..).factory())}. */
  private static @Nullable ExecutorService virtualThreadPerTask() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtualClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualClass));
      MethodHandle name =
          lookup.findVirtual(
              ofVirtualClass,
              "name",
              MethodType.methodType(ofVirtualClass, String.class, long.class));
      MethodHandle noInheritance =
          lookup.findVirtual(
              builderClass,
              "inheritInheritableThreadLocals",
              MethodType.methodType(builderClass, boolean.class));
      MethodHandle factory =
          lookup.findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class));
      MethodHandle perTask =
          lookup.findStatic(
              java.util.concurrent.Executors.class,
              "newThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class, ThreadFactory.class));
      Object builder =
          noInheritance.invoke(name.invoke(ofVirtual.invoke(), "logctx-virtual-", 1L), false);
      ThreadFactory threads = (ThreadFactory) factory.invoke(builder);
      return (ExecutorService) perTask.invoke(threads);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      return null; // not there (a runtime older than the release it claims)
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create the virtual-thread executor", e);
    }
  }

  private static ExecutorService daemonPool() {
    int size = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), poolThreads());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The threads of the Java 17-20 pool. */
  static ThreadFactory poolThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
          // inheritThreadLocals false: an MDC kept in an InheritableThreadLocal (JBoss LogManager)
          // would otherwise stay on the pool thread as the baseline of the request that started it
          Thread thread =
              new Thread(null, task, "logctx-default-" + count.incrementAndGet(), 0, false);
          thread.setDaemon(true);
          // not the loader of the thread that happens to start it (one application's, in a server
          // that shares logctx between applications): that would stay pinned for the thread's life
          thread.setContextClassLoader(DefaultExecutor.class.getClassLoader());
          return thread;
        };
  }

  /**
   * A pool task run with the context class loader of the thread that submitted it, as it would be
   * on a new thread; the pool thread gets its own loader back afterwards.
   */
  private static final class WithContextClassLoader implements Runnable {
    private final Runnable task;
    private final @Nullable ClassLoader loader;

    WithContextClassLoader(Runnable task, @Nullable ClassLoader loader) {
      this.task = task;
      this.loader = loader;
    }

    @Override
    public void run() {
      Thread thread = Thread.currentThread();
      ClassLoader own = thread.getContextClassLoader();
      boolean switched = own != loader && switchTo(thread, loader);
      try {
        task.run();
      } finally {
        if (switched) {
          switchTo(thread, own);
        }
      }
    }

    /** False when a security manager forbids it: the task then runs with the thread's loader. */
    private static boolean switchTo(Thread thread, @Nullable ClassLoader loader) {
      try {
        thread.setContextClassLoader(loader);
        return true;
      } catch (SecurityException e) {
        return false;
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
