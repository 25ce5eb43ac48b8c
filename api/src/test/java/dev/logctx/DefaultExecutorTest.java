package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class DefaultExecutorTest {

  @AfterEach
  void test_thread_mdc_is_empty() {
    Mdc.assertTestThreadClean();
  }

  private static boolean isVirtual(Thread thread) throws Exception {
    Method isVirtual = Thread.class.getMethod("isVirtual"); // Java 21+
    return (boolean) isVirtual.invoke(thread);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void on_java_21_and_later_each_task_runs_on_a_new_virtual_thread() throws Exception {
    Thread first = ContextualTasks.runInExecutorWithContext(null, Thread::currentThread)
        .get(10, TimeUnit.SECONDS);
    Thread second = ContextualTasks.createTaskWithContext(Thread::currentThread)
        .get(10, TimeUnit.SECONDS);
    assertThat(isVirtual(first)).isTrue();
    assertThat(isVirtual(second)).isTrue();
    assertThat(first).isNotSameAs(second);
    assertThat(first.getName()).startsWith("logctx-virtual-");
    assertThat(ContextualTasks.defaultExecutor().toString()).contains("virtual thread per task");
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void on_java_17_to_20_tasks_run_on_a_bounded_pool_of_daemon_threads() throws Exception {
    Thread thread = ContextualTasks.runInExecutorWithContext(null, Thread::currentThread)
        .get(10, TimeUnit.SECONDS);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).startsWith("logctx-default-");
    assertThat(ContextualTasks.defaultExecutor().toString()).contains("daemon thread pool");
  }

  @Test
  void on_java_19_and_20_virtual_threads_are_a_preview_api_and_never_touched() throws Exception {
    for (int feature : new int[] {17, 19, 20}) {
      DefaultExecutor executor = DefaultExecutor.forJava(feature);
      assertThat(executor.virtual()).as("Java %d", feature).isFalse();
      CompletableFuture<Thread> ran = new CompletableFuture<>();
      executor.execute(() -> ran.complete(Thread.currentThread()));
      Thread thread = ran.get(10, TimeUnit.SECONDS);
      assertThat(thread.isDaemon()).isTrue();
      assertThat(thread.getName()).startsWith("logctx-default-");
      assertThat(executor.toString()).contains("daemon thread pool");
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void from_java_21_on_the_choice_is_virtual_threads() throws Exception {
    DefaultExecutor executor = DefaultExecutor.forJava(21);
    assertThat(executor.virtual()).isTrue();
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    executor.execute(() -> ran.complete(Thread.currentThread()));
    assertThat(isVirtual(ran.get(10, TimeUnit.SECONDS))).isTrue();
  }

  @Test
  void it_is_not_the_common_fork_join_pool() throws Exception {
    Thread thread = ContextualTasks.createTaskWithContext(Thread::currentThread)
        .get(10, TimeUnit.SECONDS);
    assertThat(thread).isNotInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
  }

  /**
   * An MDC kept in an {@code InheritableThreadLocal} (JBoss LogManager's, SLF4J's BasicMDCAdapter)
   * is copied into every new thread by default: a pool thread started by a request would keep that
   * request's values as its own baseline. The default executor's threads inherit nothing.
   */
  @Test
  void its_threads_inherit_no_inheritable_thread_locals_of_the_thread_that_started_them()
      throws Exception {
    InheritableThreadLocal<String> mdcLike = new InheritableThreadLocal<>();
    int[] features = Runtime.version().feature() >= 21 ? new int[] {17, 21} : new int[] {17};
    for (int feature : features) {
      DefaultExecutor executor = DefaultExecutor.forJava(feature); // new threads, started below
      mdcLike.set("request-that-started-the-thread");
      try {
        CompletableFuture<String> seen = new CompletableFuture<>();
        executor.execute(() -> seen.complete(String.valueOf(mdcLike.get())));
        assertThat(seen.get(10, TimeUnit.SECONDS)).as("Java %d executor", feature).isEqualTo("null");
      } finally {
        mdcLike.remove();
      }
    }
  }

  /**
   * A server that shares logctx-api between applications must not have one application's class
   * loader pinned by the shared pool's long-lived threads: a pool thread is created by whichever
   * thread submits while the pool is short of threads, and would inherit its context class loader.
   */
  @Test
  void its_pool_threads_hold_the_loader_of_logctx_not_the_one_of_the_thread_that_started_them()
      throws Exception {
    ClassLoader application = new URLClassLoader(new URL[0], null);
    CompletableFuture<Thread> created = new CompletableFuture<>();
    Thread applicationThread =
        new Thread(() -> created.complete(DefaultExecutor.poolThreads().newThread(() -> {})));
    applicationThread.setContextClassLoader(application);
    applicationThread.start();

    assertThat(created.get(10, TimeUnit.SECONDS).getContextClassLoader())
        .isSameAs(DefaultExecutor.class.getClassLoader());
  }

  /**
   * The pool's threads are started by whichever application submits first; a task of another
   * application that runs on them runs with its own context class loader, as it would on a new
   * virtual thread (Java 21+), never with the loader of the application that started the thread.
   */
  @Test
  void a_pool_task_runs_with_the_context_class_loader_of_the_thread_that_submitted_it()
      throws Exception {
    DefaultExecutor pool = DefaultExecutor.forJava(17); // the 17-20 pool, on any JDK
    int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    ClassLoader first = new URLClassLoader(new URL[0], null);
    ClassLoader second = new URLClassLoader(new URL[0], null);
    List<CompletableFuture<ClassLoader>> firstTasks = submitFrom(first, pool, threads);
    for (CompletableFuture<ClassLoader> seen : firstTasks) {
      assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    // every pool thread was started by the first application's thread: the second one's tasks
    // run on them
    for (CompletableFuture<ClassLoader> seen : submitFrom(second, pool, 2 * threads)) {
      assertThat(seen.get(10, TimeUnit.SECONDS))
          .as("the second application's task, on a thread the first one started")
          .isSameAs(second);
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void a_virtual_thread_task_runs_with_the_context_class_loader_of_the_thread_that_submitted_it()
      throws Exception {
    DefaultExecutor virtualThreads = DefaultExecutor.forJava(21);
    ClassLoader first = new URLClassLoader(new URL[0], null);
    ClassLoader second = new URLClassLoader(new URL[0], null);
    for (CompletableFuture<ClassLoader> seen : submitFrom(first, virtualThreads, 3)) {
      assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    for (CompletableFuture<ClassLoader> seen : submitFrom(second, virtualThreads, 3)) {
      assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(second);
    }
  }

  private static List<CompletableFuture<ClassLoader>> submitFrom(
      ClassLoader contextLoader, DefaultExecutor pool, int tasks) throws InterruptedException {
    List<CompletableFuture<ClassLoader>> seen = new ArrayList<>();
    Thread submitter =
        new Thread(
            () -> {
              for (int i = 0; i < tasks; i++) {
                CompletableFuture<ClassLoader> loader = new CompletableFuture<>();
                seen.add(loader);
                pool.execute(() -> loader.complete(Thread.currentThread().getContextClassLoader()));
              }
            });
    submitter.setContextClassLoader(contextLoader);
    submitter.start();
    submitter.join();
    return seen;
  }
}
