package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A scope restores only the thread that opened it: closed on another thread it changes nothing
 * there, with strict mode on and off alike, and stays open on its own thread.
 */
class ScopeOwnershipTest {
  private static final Logger log = LoggerFactory.getLogger(ScopeOwnershipTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @AfterEach
  void clean() {
    StrictMode.disable();
    Mdc.assertTestThreadClean();
  }

  @ParameterizedTest(name = "strict mode {0}")
  @ValueSource(booleans = {false, true})
  void a_scope_closed_on_another_thread_leaves_that_threads_mdc_unchanged(boolean strict)
      throws Exception {
    if (strict) {
      StrictMode.enable();
    }
    ExecutorService t2 = Executors.newSingleThreadExecutor(r -> new Thread(r, "t2"));
    try {
      t2.submit(() -> MDC.put("job", "x")).get(10, TimeUnit.SECONDS);
      Scope scope = LogContext.bind("request_id", "req-1");

      t2.submit(
              () -> {
                scope.close();
                log.info("t2 after the foreign close");
              })
          .get(10, TimeUnit.SECONDS);

      assertThat(logs.line("t2 after the foreign close").mdc()).isEqualTo(Map.of("job", "x"));
      assertThat(Mdc.of(t2)).isEqualTo(Map.of("job", "x"));
      // The opening thread keeps the scope's context until the scope is closed there.
      log.info("t1 after the foreign close");
      assertThat(logs.line("t1 after the foreign close").mdc())
          .isEqualTo(Map.of("request_id", "req-1"));
      scope.close();
      assertThat(Mdc.now()).isEmpty();
    } finally {
      Mdc.shutdown(t2);
    }
  }

  @ParameterizedTest(name = "strict mode {0}")
  @ValueSource(booleans = {false, true})
  void a_task_scope_closed_on_another_thread_does_not_wipe_a_pooled_thread(boolean strict)
      throws Exception {
    if (strict) {
      StrictMode.enable();
    }
    ExecutorService t2 = Executors.newSingleThreadExecutor(r -> new Thread(r, "t2"));
    try {
      t2.submit(() -> MDC.put("job", "x")).get(10, TimeUnit.SECONDS);
      Scope attached = LogContext.of(Map.of("request_id", "req-2")).attach();
      t2.submit(attached::close).get(10, TimeUnit.SECONDS);
      attached.close();
      t2.submit(() -> log.info("next task on t2")).get(10, TimeUnit.SECONDS);
      assertThat(logs.line("next task on t2").mdc()).isEqualTo(Map.of("job", "x"));
    } finally {
      Mdc.shutdown(t2);
    }
  }
}
