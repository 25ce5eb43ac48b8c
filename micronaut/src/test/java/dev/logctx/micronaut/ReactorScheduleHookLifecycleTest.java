package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * {@link ReactorScheduleHook} while an application context runs and after it stopped: Reactor's
 * {@code Schedulers.onSchedule} decorates a task with the MDC of the scheduling thread only while
 * the context runs; the worker thread gets its own MDC back after the task.
 */
class ReactorScheduleHookLifecycleTest {
  private static final Logger log = LoggerFactory.getLogger(ReactorScheduleHookLifecycleTest.class);

  /** Whether logctx-micrometer's accessor is registered with Micrometer in this run. */
  private static final boolean ACCESSOR_IN_THIS_RUN =
      Boolean.getBoolean("logctx.expected.logctx.micrometer");

  private CapturedLog logs;
  private ExecutorService worker;

  @BeforeEach
  void start() {
    MDC.clear();
    logs = CapturedLog.ofLoggers("dev.logctx").atDebug().install();
    worker = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
    logs.close();
    MDC.clear();
  }

  /** Decorates a task as Reactor does when it is scheduled, here, then runs it on the worker. */
  private void scheduleAndRun(String message) throws Exception {
    Runnable task = Schedulers.onSchedule(() -> log.info(message));
    worker.submit(task).get(10, TimeUnit.SECONDS);
  }

  @Test
  void the_hook_works_while_the_context_runs_and_is_removed_when_it_stops() throws Exception {
    MDC.put("request_id", "at-schedule");
    try (ApplicationContext context = ApplicationContext.run()) {
      assertThat(context.containsBean(ReactorScheduleHook.class)).isTrue();
      scheduleAndRun("while running");
    }
    scheduleAndRun("after stop");

    assertThat(logs.line("while running").mdc()).isEqualTo(Map.of("request_id", "at-schedule"));
    if (ACCESSOR_IN_THIS_RUN) {
      // Reactor's own schedule hook (automatic mode) with logctx-micrometer's accessor
      assertThat(logs.line("after stop").mdc()).isEqualTo(Map.of("request_id", "at-schedule"));
    } else {
      assertThat(logs.line("after stop").mdc()).isEmpty();
    }
  }

  /**
   * Subscribes, with {@code request_id=subscriber} in this thread's MDC, to a {@code Flux.create}
   * that logs {@code message} for each element, then emits one element from the worker with
   * {@code request_id=emitter} in its MDC.
   */
  @SuppressWarnings("try") // the scopes are only closed
  private void subscribeHereAndEmitOnTheWorker(String message) throws Exception {
    AtomicReference<FluxSink<String>> emitter = new AtomicReference<>();
    Flux<String> flux =
        Flux.<String>create(emitter::set).doOnNext(element -> log.info(message));
    try (Scope subscriber = LogContext.bind("request_id", "subscriber")) {
      flux.subscribe();
    }
    worker
        .submit(
            () -> {
              try (Scope emitting = LogContext.bind("request_id", "emitter")) {
                emitter.get().next("element");
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void signals_reach_a_subscriber_in_its_subscriptions_mdc_only_while_the_context_runs()
      throws Exception {
    MDC.clear();
    try (ApplicationContext context = ApplicationContext.run()) {
      subscribeHereAndEmitOnTheWorker("while running");
    }
    subscribeHereAndEmitOnTheWorker("after stop");

    assertThat(logs.line("while running").mdc()).isEqualTo(Map.of("request_id", "subscriber"));
    if (ACCESSOR_IN_THIS_RUN) {
      // Reactor's automatic mode with logctx-micrometer's accessor alone: nothing captured the
      // subscription's MDC into its Reactor Context, so no id, never the emitter's
      assertThat(logs.line("after stop").mdc()).isEmpty();
    } else {
      // negative control: Reactor itself runs the subscriber's operator in the emitter's MDC
      assertThat(logs.line("after stop").mdc()).isEqualTo(Map.of("request_id", "emitter"));
    }
    assertThat(worker.submit(() -> MDC.getCopyOfContextMap()).get(10, TimeUnit.SECONDS))
        .isNullOrEmpty();
  }

  @Test
  void the_worker_thread_gets_its_own_mdc_back_after_the_task() throws Exception {
    worker.submit(() -> MDC.put("worker_key", "own")).get(10, TimeUnit.SECONDS);
    MDC.put("request_id", "at-schedule");
    try (ApplicationContext context = ApplicationContext.run()) {
      Runnable task =
          Schedulers.onSchedule(
              () -> {
                log.info("task");
                MDC.put("left_by", "task");
              });
      worker.submit(task).get(10, TimeUnit.SECONDS);
    }
    Map<String, String> after =
        worker.submit(() -> MDC.getCopyOfContextMap()).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("task").mdc()).isEqualTo(Map.of("request_id", "at-schedule"));
    assertThat(after).isEqualTo(Map.of("worker_key", "own"));
  }
}
