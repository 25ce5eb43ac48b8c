package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Which executor beans logctx decorates: the exact {@code ExecutorService} / {@code
 * ScheduledExecutorService} beans, not others; the decoration is idempotent and a scheduled task
 * runs in the MDC of the moment it was scheduled.
 */
@MicronautTest
class ExecutorBeansTest extends CapturingTest {
  private static final Logger log = LoggerFactory.getLogger(ExecutorBeansTest.class);

  /** Micronaut declares it as an ExecutorService bean (injecting the scheduled type finds none). */
  @Inject
  @Named(TaskExecutors.SCHEDULED)
  ExecutorService scheduledBean;

  @Inject
  @Named(TaskExecutors.IO)
  ExecutorService io;

  @Inject
  @Named(TestExecutors.SINGLE)
  ThreadPoolExecutor single;


  @Test
  void exact_executor_beans_are_decorated_once_and_others_are_left_alone() {
    assertThat(ContextualExecutors.wrap(io)).isSameAs(io);
    assertThat(scheduledBean).isInstanceOf(ScheduledExecutorService.class);
    ScheduledExecutorService scheduled = (ScheduledExecutorService) scheduledBean;
    assertThat(ContextualExecutors.wrap(scheduled)).isSameAs(scheduled);
    assertThat(single.getClass()).isEqualTo(ThreadPoolExecutor.class);
  }

  @Test
  void a_scheduled_task_runs_in_the_mdc_of_the_moment_it_was_scheduled() throws Exception {
    ScheduledExecutorService scheduled = (ScheduledExecutorService) scheduledBean;
    MDC.put("request_id", "at-schedule");
    var future = scheduled.schedule(() -> log.info("scheduled"), 1, TimeUnit.MILLISECONDS);
    MDC.put("request_id", "later");
    future.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("scheduled").mdc()).isEqualTo(Map.of("request_id", "at-schedule"));
    assertThat(MDC.get("request_id")).isEqualTo("later");
  }

  @Test
  void io_tasks_on_a_reused_thread_do_not_see_each_others_changes() throws Exception {
    for (int i = 0; i < 20; i++) {
      String id = "task-" + i;
      MDC.put("request_id", id);
      io.submit(
              () -> {
                log.info("io {}", id);
                MDC.put("left_by", id);
              })
          .get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(logs.line("io task-" + i).mdc()).isEqualTo(Map.of("request_id", "task-" + i));
    }
  }
}
