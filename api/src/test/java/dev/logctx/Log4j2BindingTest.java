package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The core semantics on the generic SLF4J path, with Log4j 2 as the binding (its MDC is Log4j's
 * {@code ThreadContext}); logback is absent from this JVM (surefire execution {@code
 * log4j2-binding}). Quarkus' JBoss LogManager takes the same path.
 */
class Log4j2BindingTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void cleanup() throws Exception {
    assertThat(Mdc.of(pool)).isEmpty();
    Mdc.shutdown(pool);
    Mdc.assertTestThreadClean();
  }

  @Test
  void logback_is_absent_and_the_generic_path_is_used() {
    assertThat(MdcAccess.MDC_ACCESS).isInstanceOf(MdcAccess.Slf4jMdcAccess.class);
    assertThat(MDC.getMDCAdapter().getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.Log4jMDCAdapter");
  }

  @Test
  void a_task_sees_the_callers_context_in_log4j_thread_context_and_changes_stay_with_it()
      throws Exception {
    try (Scope scope = LogContext.bind(Map.of("request_id", "req-1", "user_id", "u-1"))) {
      Map<String, String> seen = ContextualTasks.createTaskWithContext(() -> {
        Map<String, String> inTask = ThreadContext.getImmutableContext(); // what log4j logs
        MDC.put("request_id", "child-override");
        MDC.remove("user_id");
        return inTask;
      }, "t", pool).get(10, TimeUnit.SECONDS);
      assertThat(seen).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1"));
      assertThat(ThreadContext.getImmutableContext())
          .isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1"));
    }
  }

  @Test
  void should_not_carry_the_context_without_logctx() throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      assertThat(pool.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void attach_replaces_the_whole_map_and_close_restores_it_exactly() throws Exception {
    pool.submit(() -> MDC.put("stale", "planted")).get();
    LogContext context = LogContext.of(Map.of("request_id", "req-2"));
    Map<String, String> seen =
        pool.submit(() -> context.call(Mdc::now)).get(10, TimeUnit.SECONDS);
    assertThat(seen).isEqualTo(Map.of("request_id", "req-2"));
    assertThat(Mdc.of(pool)).isEqualTo(Map.of("stale", "planted"));
    pool.submit(MDC::clear).get();
  }

  @Test
  void a_scope_that_wrote_nothing_still_restores_what_the_task_changed() {
    MDC.put("request_id", "req-3");
    try {
      try (Scope scope = LogContext.current().attach()) {
        MDC.put("request_id", "changed");
        MDC.put("extra", "x");
      }
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-3"));
    } finally {
      MDC.clear();
    }
  }

  /**
   * Log4j's MDC has one empty state: its SLF4J adapter hands out an empty map, never null, with
   * or without a write before. A scope leaves it in that state, and capturing it is free.
   */
  @Test
  void an_empty_mdc_stays_empty_after_a_scope_and_log4j_never_reports_no_map() throws Exception {
    assertThat(pool.submit(MDC::getCopyOfContextMap).get(10, TimeUnit.SECONDS))
        .as("a thread that never wrote")
        .isEqualTo(Map.of());
    MDC.put("tmp", "1");
    MDC.remove("tmp");
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
    try (Scope scope = LogContext.bind("request_id", "req-4")) {
      assertThat(ThreadContext.get("request_id")).isEqualTo("req-4");
    }
    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of());
    assertThat(ThreadContext.isEmpty()).isTrue();

    MDC.clear();
    LogContext.of(Map.of("request_id", "req-5")).run(() -> MDC.put("extra", "x"));
    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of());
  }
}
