package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
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
}
