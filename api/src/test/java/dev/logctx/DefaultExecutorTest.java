package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
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
  void it_is_not_the_common_fork_join_pool() throws Exception {
    Thread thread = ContextualTasks.createTaskWithContext(Thread::currentThread)
        .get(10, TimeUnit.SECONDS);
    assertThat(thread).isNotInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
  }
}
