package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The one log capture of the modules' tests, under logback. */
class CapturedLogTest {
  private static final Logger log = LoggerFactory.getLogger("dev.logctx.testsupport.sample");
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));

  @AfterEach
  void stop() throws InterruptedException {
    worker.shutdownNow();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    MDC.clear();
  }

  @Test
  void a_line_keeps_the_mdc_and_thread_of_the_moment_it_was_logged() throws Exception {
    try (CapturedLog logs = CapturedLog.ofRootLogger().install()) {
      worker.submit(CapturedLogTest::logThenGoOn).get(10, TimeUnit.SECONDS);

      CapturedLog.Line line = logs.line("working");
      assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-1"));
      assertThat(line.requestId()).isEqualTo("req-1");
      assertThat(line.thread()).isEqualTo("worker");
      assertThat(line.level()).isEqualTo("INFO");
      assertThat(line.logger()).isEqualTo("dev.logctx.testsupport.sample");
      assertThat(line.formatted()).isEqualTo("[worker] {request_id=req-1} working");
      assertThat(line.throwable()).isEmpty();
    }
  }

  @Test
  void control_an_appender_that_reads_the_event_later_sees_another_mdc() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> lazy = new ListAppender<>();
    lazy.setContext(root.getLoggerContext());
    lazy.start();
    root.addAppender(lazy);
    try {
      worker.submit(CapturedLogTest::logThenGoOn).get(10, TimeUnit.SECONDS);
    } finally {
      root.detachAppender(lazy);
    }
    // logback reads the MDC of an event when it is first asked for: here, a later moment on
    // another thread
    assertThat(lazy.list)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getMDCPropertyMap()).isNotEqualTo(Map.of("request_id", "req-1")));
  }

  /** Logs one line with {@code request_id=req-1}, then changes the MDC of this thread. */
  private static void logThenGoOn() {
    MDC.put("request_id", "req-1");
    log.info("working");
    MDC.put("request_id", "req-2"); // the same thread goes on with other work
    MDC.put("step", "later");
  }

  @Test
  void a_throwable_is_kept_with_its_stack_trace() {
    try (CapturedLog logs = CapturedLog.ofRootLogger().install()) {
      log.warn("failed", new IllegalStateException("broken"));
      assertThat(logs.line("failed").throwable())
          .startsWith(IllegalStateException.class.getName() + ": broken")
          .contains("CapturedLogTest");
      assertThat(logs.line("failed").level()).isEqualTo("WARN");
    }
  }

  @Test
  void awaiting_lines_wakes_on_the_line_another_thread_logs() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    try (CapturedLog logs = CapturedLog.ofRootLogger().install()) {
      Future<?> logged =
          worker.submit(
              () -> {
                waiting.await(10, TimeUnit.SECONDS);
                log.info("late one");
                log.info("late two");
                return null;
              });
      waiting.countDown();
      List<CapturedLog.Line> found =
          logs.awaitLines(line -> line.message().startsWith("late "), 2, Duration.ofSeconds(10));
      assertThat(found)
          .extracting(CapturedLog.Line::message)
          .containsExactly("late one", "late two");
      logged.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void awaiting_fails_after_the_timeout_naming_what_it_found() {
    try (CapturedLog logs = CapturedLog.ofRootLogger().install()) {
      log.info("only one");
      assertThatThrownBy(
              () -> logs.awaitLines(l -> l.message().equals("only one"), 2, Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("1 lines matched")
          .hasMessageContaining("2 expected")
          .hasMessageContaining("only one");
    }
  }

  @Test
  void one_line_is_asked_for_and_none_or_two_fail() {
    try (CapturedLog logs = CapturedLog.ofRootLogger().install()) {
      log.info("twice");
      log.info("twice");
      assertThatThrownBy(() -> logs.line("twice")).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> logs.line("never")).isInstanceOf(AssertionError.class);
      assertThat(logs.withMessage("twice")).hasSize(2);
      assertThat(logs.withMessagePrefix("tw")).hasSize(2);
      assertThat(logs.fromLogger("dev.logctx.testsupport.sample")).hasSize(2);
    }
  }

  @Test
  void named_loggers_at_debug_capture_their_debug_lines_and_closing_restores_the_level() {
    ch.qos.logback.classic.Logger named =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.logctx.testsupport");
    Level before = named.getLevel();
    CapturedLog logs = CapturedLog.ofLoggers("dev.logctx.testsupport").atDebug().install();
    log.debug("detail");
    LoggerFactory.getLogger("elsewhere").warn("not below the named logger");
    logs.close();
    log.info("after close");

    assertThat(logs.lines()).extracting(CapturedLog.Line::message).containsExactly("detail");
    assertThat(named.getLevel()).isEqualTo(before);
    assertThat(log.isDebugEnabled()).as("DEBUG off again").isFalse();
  }

  @Test
  void installing_twice_is_refused_and_reinstalling_starts_empty() {
    CapturedLog logs = CapturedLog.ofRootLogger().install();
    try {
      log.info("first");
      assertThatThrownBy(logs::install).isInstanceOf(IllegalStateException.class);
    } finally {
      logs.close();
    }
    try (CapturedLog again = logs.install()) {
      log.info("second");
      assertThat(again.lines()).extracting(CapturedLog.Line::message).containsExactly("second");
    }
    assertThatThrownBy(() -> CapturedLog.ofLoggers()).isInstanceOf(IllegalArgumentException.class);
  }
}
