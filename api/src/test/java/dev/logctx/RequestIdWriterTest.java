package dev.logctx;

import dev.logctx.testsupport.CapturedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.internal.RequestIdWriter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request-id writer that every edge uses: it puts the id under {@code request_id} and nothing
 * else, removes it only while it still holds that id, and never puts back an earlier value (rule
 * 9); what it writes is what log lines and logctx's snapshots carry. Runs with logback's adapter
 * here and with logctx-logback's in that module's execution {@code api-suite-with-logctx-logback}.
 */
class RequestIdWriterTest {
  private static final Logger log = LoggerFactory.getLogger(RequestIdWriterTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "edge"));

  @AfterEach
  void cleanup() throws Exception {
    Mdc.assertCleanAndShutdown(pool);
  }

  @Test
  void put_binds_the_id_in_the_log_lines_and_touches_no_other_key() {
    MDC.put("user_id", "u-1");
    MDC.put("request_id", "left-by-earlier-work");

    RequestIdWriter.put("req-1");
    log.info("handled");

    assertThat(logs.line("handled").mdc()).isEqualTo(Map.of("user_id", "u-1", "request_id", "req-1"));
    assertThat(RequestIdWriter.current()).isEqualTo("req-1");
    assertThat(RequestIdWriter.holds("req-1")).isTrue();
    assertThat(RequestIdWriter.holds("req-2")).isFalse();
    MDC.clear();
  }

  @Test
  void what_it_puts_is_what_a_snapshot_hands_over() throws Exception {
    RequestIdWriter.put("req-1");
    try {
      pool.submit(LogContext.current().wrap(() -> log.info("task"))).get(10, TimeUnit.SECONDS);
    } finally {
      RequestIdWriter.removeIfHeld("req-1");
    }

    assertThat(logs.line("task").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("task").thread()).isEqualTo("edge");
    assertThat(Mdc.now()).isEmpty();
  }

  @Test
  void remove_if_held_removes_the_id_while_it_is_still_ours_and_no_other_key() {
    MDC.put("user_id", "u-1");
    RequestIdWriter.put("req-1");

    RequestIdWriter.removeIfHeld("req-1");
    log.info("after");

    assertThat(logs.line("after").mdc()).isEqualTo(Map.of("user_id", "u-1"));
    MDC.clear();
  }

  @Test
  void remove_if_held_leaves_a_value_that_other_code_put_since() {
    RequestIdWriter.put("req-1");
    MDC.put("request_id", "rebound-by-other-code");

    RequestIdWriter.removeIfHeld("req-1");
    log.info("after");

    assertThat(logs.line("after").mdc()).isEqualTo(Map.of("request_id", "rebound-by-other-code"));
    MDC.clear();
  }

  @Test
  void an_earlier_value_is_never_put_back() {
    MDC.put("request_id", "earlier");
    RequestIdWriter.put("req-1");

    RequestIdWriter.removeIfHeld("req-1");
    log.info("after");

    assertThat(logs.line("after").mdc()).doesNotContainKey("request_id");
  }

  @Test
  void a_request_on_a_reused_pooled_thread_leaves_nothing_for_the_next_task() throws Exception {
    pool.submit(() -> {
      RequestIdWriter.put("req-1");
      log.info("request");
      RequestIdWriter.removeIfHeld("req-1");
    }).get(10, TimeUnit.SECONDS);
    pool.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("request").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("next task").mdc()).isEmpty();
  }

  @Test
  void should_leave_the_id_to_the_next_task_without_the_removal() throws Exception {
    pool.submit(() -> RequestIdWriter.put("req-1")).get(10, TimeUnit.SECONDS);
    pool.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("next task").mdc())
        .as("negative control: the leak the removal prevents")
        .isEqualTo(Map.of("request_id", "req-1"));
    pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_null_id_is_refused_at_the_entry_point_and_nothing_is_written() {
    MDC.put("request_id", "req-0");

    assertThatThrownBy(() -> RequestIdWriter.put(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-0"));
    MDC.clear();
  }
}
