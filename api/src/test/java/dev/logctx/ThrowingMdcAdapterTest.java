package dev.logctx;

import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.CLEAR;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.KEY_READ;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.KEY_WRITE;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.READ;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.RequestIdWriter;
import dev.logctx.testsupport.CapturedLog;
import dev.logctx.testsupport.ThrowingMdcAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An MDC adapter that throws under logctx (rule 7): capture, attach and restore never fail the
 * work handed over, with a {@link RuntimeException}, an {@link Error} or a {@link LinkageError}.
 * Runs in a JVM of its own whose SLF4J provider wraps logback's adapter (surefire execution
 * {@code throwing-mdc-adapter}).
 */
@EnabledIfSystemProperty(named = "slf4j.provider", matches = ".*ThrowingMdcServiceProvider")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrowingMdcAdapterTest {
  private static final Logger log = LoggerFactory.getLogger(ThrowingMdcAdapterTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    assertThat(ThrowingMdcAdapter.installed()).as("SLF4J uses the throwing adapter").isTrue();
    pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "pooled"));
    pool.submit(() -> MDC.put("stale", "left by an earlier task")).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    ThrowingMdcAdapter.heal();
    Mdc.shutdown(pool);
    MDC.clear();
  }

  private static String businessStep(String name) {
    log.info(name);
    return name + " done";
  }

  @Test
  @Order(1)
  void each_kind_of_failure_is_reported_once_at_warn_not_at_every_call() {
    ThrowingMdcAdapter.failWith(new IllegalStateException("adapter broken"), READ, WRITE, CLEAR);
    for (int i = 0; i < 3; i++) {
      LogContext.current();
      LogContext.of(Map.of("request_id", "req-" + i)).run(() -> businessStep("step"));
    }
    ThrowingMdcAdapter.heal();

    List<CapturedLog.Line> reports = logs.fromLogger("dev.logctx.internal.MdcFailures");
    assertThat(reports).as("one per kind: capture, attach, restore").hasSize(3);
    assertThat(reports).allSatisfy(line -> {
      assertThat(line.level()).isEqualTo("WARN");
      assertThat(line.throwable()).contains("IllegalStateException: adapter broken");
    });
    assertThat(logs.withMessage("step")).hasSize(3);
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void a_capture_that_fails_hands_over_the_empty_context_never_a_guess(Throwable failure)
      throws Exception {
    MDC.put("request_id", "req-1");
    ThrowingMdcAdapter.failWith(failure, READ);

    assertThat(LogContext.current()).isSameAs(LogContext.empty());
    String result =
        ContextualExecutors.wrap(pool)
            .submit(() -> businessStep("wrapped task"))
            .get(10, TimeUnit.SECONDS);
    ThrowingMdcAdapter.heal();

    assertThat(result).isEqualTo("wrapped task done");
    assertThat(logs.line("wrapped task").mdc())
        .as("neither the caller's id (not captured) nor the pooled thread's leftover")
        .isEmpty();
    assertThat(Mdc.of(pool)).doesNotContainKey("request_id");
    assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void an_attach_that_fails_runs_the_task_anyway_with_no_context_left_behind(Throwable failure)
      throws Exception {
    MDC.put("request_id", "req-1");
    ThrowingMdcAdapter.failWith(failure, WRITE);

    String result =
        ContextualTasks.createTaskWithContext(() -> businessStep("named task"), "named", pool)
            .get(10, TimeUnit.SECONDS);
    ThrowingMdcAdapter.heal();

    assertThat(result).isEqualTo("named task done");
    assertThat(logs.line("named task").mdc())
        .as("the task's context could not be written: the thread was cleared, no leftover")
        .isEmpty();
    assertThat(Mdc.of(pool)).doesNotContainKey("request_id");
    assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void when_every_operation_fails_every_entry_point_still_runs_the_work_and_returns_its_result(
      Throwable failure) throws Exception {
    MDC.put("request_id", "req-1");
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);

    String inline = LogContext.of(Map.of("request_id", "req-2")).call(() -> businessStep("call"));
    LogContext.bind("user_id", "u-1").close();
    String wrapped = pool.submit(LogContext.current().wrap(() -> businessStep("wrap"))).get();
    String executor =
        ContextualExecutors.wrap(pool).submit(() -> businessStep("executor")).get();
    String task =
        ContextualTasks.createTaskWithContext(() -> businessStep("task"), "task", pool)
            .thenApply(done -> done + ", " + businessStep("stage"))
            .get(10, TimeUnit.SECONDS);
    String function =
        ContextualTasks.runInExecutorWithContext(pool, ThrowingMdcAdapterTest::businessStep, "fn")
            .get(10, TimeUnit.SECONDS);
    ThrowingMdcAdapter.heal();

    assertThat(List.of(inline, wrapped, executor, task, function))
        .containsExactly(
            "call done", "wrap done", "executor done", "task done, stage done", "fn done");
    for (String step : List.of("call", "wrap", "executor", "task", "stage", "fn")) {
      assertThat(logs.withMessage(step)).as(step).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void the_request_id_writer_never_throws_into_the_edge(Throwable failure) throws Exception {
    ThrowingMdcAdapter.failWith(failure, KEY_READ, KEY_WRITE);
    RequestIdWriter.put("req-1");
    boolean held = RequestIdWriter.holds("req-1");
    String current = RequestIdWriter.current();
    RequestIdWriter.removeIfHeld("req-1");
    ThrowingMdcAdapter.heal();
    businessStep("served");

    assertThat(held).as("an id that cannot be read is not held").isFalse();
    assertThat(current).isNull();
    assertThat(logs.line("served").mdc()).as("the id could not be put").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void an_id_the_writer_cannot_check_is_removed_never_left_for_the_next_task(Throwable failure)
      throws Exception {
    pool.submit(() -> {
      RequestIdWriter.put("req-1");
      ThrowingMdcAdapter.failWith(failure, KEY_READ);
      RequestIdWriter.removeIfHeld("req-1");
      ThrowingMdcAdapter.heal();
    }).get(10, TimeUnit.SECONDS);
    pool.submit(() -> businessStep("next task")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("next task").mdc()).doesNotContainKey("request_id");
  }
}
