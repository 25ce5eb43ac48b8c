package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.CapturedLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Bad input at every public entry point: a clear exception before anything happens, and the
 * thread's MDC exactly as it was; or, where documented, acceptance.
 */
class BadInputTest {
  private static final Logger log = LoggerFactory.getLogger(BadInputTest.class);
  private static final Map<String, String> BEFORE = Map.of("request_id", "req-1", "user_id", "u-1");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @BeforeEach
  void caller_has_a_context() {
    MDC.setContextMap(BEFORE);
  }

  @AfterEach
  void cleanup() throws Exception {
    MDC.clear();
    assertThat(Mdc.of(pool)).isEmpty();
    Mdc.shutdown(pool);
    Mdc.assertTestThreadClean();
  }

  private void rejected(ThrowingCallable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(message);
    assertThat(Mdc.now()).as("MDC after a rejected call").isEqualTo(BEFORE);
  }

  @Test
  void null_keys_values_tasks_and_executors_are_rejected_at_the_entry_point() {
    Map<String, String> nullValue = new HashMap<>(Map.of("a", "1"));
    nullValue.put("b", null);
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    LogContext context = LogContext.current();
    Class<NullPointerException> npe = NullPointerException.class;

    rejected(() -> LogContext.bind(null, "v"), npe, "key");
    rejected(() -> LogContext.bind("k", null), npe, "value");
    rejected(() -> LogContext.bind(nullValue), npe, "null value (key 'b')");
    rejected(() -> LogContext.bind(nullKey), npe, "null key");
    rejected(() -> LogContext.bind((Map<String, String>) null), npe, "entries");
    rejected(() -> LogContext.of(nullValue), npe, "null value");
    rejected(() -> context.with("k", null), npe, "value");
    rejected(() -> context.run(null), npe, "task");
    rejected(() -> ContextualTasks.createTaskWithContext((Runnable) null, "n"), npe, "task");
    rejected(() -> ContextualTasks.createTaskWithContext((Callable<String>) null, "n", pool), npe, "task");
    rejected(() -> ContextualTasks.createTaskWithContext(() -> {}, "n", (Executor) null), npe, "executor");
    rejected(() -> ContextualTasks.runInExecutorWithContext(pool, (Runnable) null), npe, "task");
    rejected(() -> ContextualExecutors.wrap((ExecutorService) null), npe, "executor");
  }

  @Test
  void blank_task_names_are_rejected_before_the_task_starts() {
    for (String blank : List.of("", " ", "\t", "\n", "\u2003")) {
      rejected(
          () -> ContextualTasks.createTaskWithContext(() -> log.info("must not run"), blank, pool),
          IllegalArgumentException.class,
          "name must not be blank");
    }
    assertThat(logs.withMessage("must not run")).isEmpty();
  }

  @Test
  void a_huge_context_of_10000_entries_is_carried_and_restored() throws Exception {
    Map<String, String> huge = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      huge.put("key-" + i, "value-" + i);
    }
    LogContext context = LogContext.of(huge);
    Map<String, String> seen =
        ContextualTasks.runInExecutorWithContext(pool, () -> context.call(Mdc::now))
            .get(30, TimeUnit.SECONDS);
    assertThat(seen).isEqualTo(huge);
    try (Scope scope = context.attach()) {
      assertThat(Mdc.now()).hasSize(10_000);
    }
    assertThat(Mdc.now()).isEqualTo(BEFORE);
  }

  @Test
  void keys_and_values_with_control_characters_are_carried_unchanged_as_documented()
      throws Exception {
    // logctx validates nothing but null: it carries the strings it is given. Input from outside
    // (a request header) must be validated at the edge, as logctx-jaxrs does for X-Request-ID.
    String key = "weird\r\nkey";
    String value = "line1\nfake-log-line\u0000";
    try (Scope scope = LogContext.bind(key, value)) {
      String seen = ContextualTasks.createTaskWithContext(() -> MDC.get(key), "t", pool)
          .get(10, TimeUnit.SECONDS);
      assertThat(seen).isEqualTo(value);
    }
    assertThat(Mdc.now()).isEqualTo(BEFORE);
  }
}
