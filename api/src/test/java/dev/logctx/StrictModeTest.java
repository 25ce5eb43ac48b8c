package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class StrictModeTest {
  private static final String STRICT_LOGGER = "dev.logctx.StrictMode";

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @BeforeEach
  void on() {
    StrictMode.enable();
  }

  @AfterEach
  void off() {
    StrictMode.disable();
    Mdc.assertTestThreadClean();
  }

  private List<CapturedLog.Line> reports() {
    return logs.fromLogger(STRICT_LOGGER);
  }

  private static void openInAHelperMethod(String id) {
    LogContext.bind("request_id", id); // never closed
  }

  @Test
  void correct_use_is_silent() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      try (Scope outer = LogContext.bind("request_id", "req-1")) {
        try (Scope inner = LogContext.bind("user_id", "u-1")) {
          ContextualTasks.createTaskWithContext(() -> {}, "t", pool).get(10, TimeUnit.SECONDS);
          ContextualExecutors.wrap(pool).submit(() -> {}).get(10, TimeUnit.SECONDS);
        }
        Scope twice = LogContext.bind("k", "v");
        twice.close();
        twice.close();
      }
    } finally {
      Mdc.shutdown(pool);
    }
    assertThat(reports()).isEmpty();
  }

  @Test
  void a_scope_closed_on_another_thread_is_reported_with_where_it_was_opened_and_not_restored_there()
      throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "other-thread"));
    try {
      other.submit(() -> MDC.put("own", "state")).get();
      Scope scope = LogContext.bind("request_id", "req-1");
      other.submit(scope::close).get(10, TimeUnit.SECONDS);
      assertThat(Mdc.of(other)).isEqualTo(Map.of("own", "state"));
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1")); // still open here
      scope.close(); // closing it on its own thread still restores this thread
      assertThat(Mdc.now()).isEmpty();
    } finally {
      Mdc.shutdown(other);
    }
    assertThat(reports()).singleElement().satisfies(report -> {
      assertThat(report.level()).isEqualTo("ERROR");
      assertThat(report.message()).contains("was closed on thread 'other-thread'");
      assertThat(report.throwable())
          .contains("scope opened here")
          .contains("StrictModeTest.a_scope_closed_on_another_thread");
    });
  }

  @Test
  void a_scope_closed_out_of_order_is_reported() {
    Scope outer = LogContext.bind("request_id", "req-1");
    Scope inner = LogContext.bind("user_id", "u-1");
    outer.close(); // wrong: inner is still open
    inner.close();
    MDC.clear();
    assertThat(reports()).singleElement().satisfies(report -> {
      assertThat(report.message()).contains("1 scope(s) opened after it on this thread are still open");
      assertThat(report.throwable()).contains("scope opened here").contains("Suppressed");
    });
  }

  @Test
  void a_scope_never_closed_is_reported_when_garbage_collected() throws Exception {
    openInAHelperMethod("req-leaked");
    MDC.clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (reports().isEmpty() && System.nanoTime() < deadline) {
      System.gc(); // the Cleaner reports once the scope is unreachable and collected
      synchronized (this) {
        wait(50);
      }
    }
    assertThat(reports()).singleElement().satisfies(report -> {
      assertThat(report.message()).contains("was never closed");
      assertThat(report.throwable()).contains("openInAHelperMethod");
    });
  }

  @Test
  void a_reported_unclosed_scope_is_no_longer_held_by_its_live_pooled_thread() throws Exception {
    int leaked = 200;
    ExecutorService pool =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "strict-pooled-thread"));
    try {
      pool.submit(
              () -> {
                for (int i = 0; i < leaked; i++) {
                  openInAHelperMethod("req-" + i);
                }
                MDC.clear();
              })
          .get(10, TimeUnit.SECONDS);
      ReferenceQueue<Object> collected = new ReferenceQueue<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (neverClosedOn("strict-pooled-thread").size() < leaked
          && System.nanoTime() < deadline) {
        WeakReference<Object> probe = new WeakReference<>(new Object(), collected);
        System.gc(); // the Cleaner reports each scope once it is unreachable and collected
        collected.remove(100); // returns once a collection ran
        probe.clear();
      }
      assertThat(neverClosedOn("strict-pooled-thread")).hasSize(leaked);
      // the thread is alive and pooled: what it still holds for strict mode after the reports
      assertThat(pool.submit(StrictScope::recordsOfThisThread).get(10, TimeUnit.SECONDS))
          .as("records (with their stack traces) still held by the pooled thread")
          .isZero();
    } finally {
      Mdc.shutdown(pool);
    }
  }

  private List<CapturedLog.Line> neverClosedOn(String thread) {
    List<CapturedLog.Line> found = new ArrayList<>();
    for (CapturedLog.Line report : reports()) {
      if (report.message().contains("opened on thread '" + thread + "' was never closed")) {
        found.add(report);
      }
    }
    return found;
  }

  @Test
  void scopes_opened_while_strict_mode_is_off_are_not_checked() throws Exception {
    StrictMode.disable();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Scope scope = LogContext.bind("request_id", "req-1");
      other.submit(scope::close).get(10, TimeUnit.SECONDS);
      MDC.clear();
    } finally {
      Mdc.shutdown(other);
    }
    assertThat(StrictMode.isEnabled()).isFalse();
    assertThat(reports()).isEmpty();
  }
}
