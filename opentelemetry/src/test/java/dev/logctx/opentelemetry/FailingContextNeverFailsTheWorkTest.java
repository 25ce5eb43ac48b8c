package dev.logctx.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule 7 for the carried context: a context that throws when its span is read (as the trace keys
 * are written on every attach) never fails the work handed over with it, nor the code that made
 * it current; the work runs with its MDC, and the failure is logged once, not per attach.
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class FailingContextNeverFailsTheWorkTest {
  private static final Logger log = LoggerFactory.getLogger("app");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @Test
  void a_context_that_throws_is_logged_once_and_the_work_runs_with_its_mdc()
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Runnable first;
      Runnable second;
      try (Scope hostile = ContextStorage.get().attach(new ThrowingContext());
          dev.logctx.Scope id = LogContext.bind("request_id", "r-7")) {
        first = LogContext.current().wrap(() -> log.info("first task"));
        second = LogContext.current().wrap(() -> log.info("second task"));
      }
      pool.submit(first).get(10, TimeUnit.SECONDS);
      pool.submit(second).get(10, TimeUnit.SECONDS);
      pool.submit(() -> log.info("probe")).get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(logs.line("first task").requestId()).isEqualTo("r-7");
    assertThat(logs.line("second task").requestId()).isEqualTo("r-7");
    assertThat(logs.line("probe").mdc()).isEmpty();
    assertThat(logs.fromLogger("dev.logctx.opentelemetry.internal.TraceMdc"))
        .singleElement()
        .satisfies(
            warn -> {
              assertThat(warn.level()).isEqualTo("WARN");
              assertThat(warn.throwable()).contains("read refused");
            });
  }

  /** A context whose values cannot be read. */
  private static final class ThrowingContext implements Context {
    @Override
    public <V> @Nullable V get(ContextKey<V> key) {
      throw new IllegalStateException("read refused");
    }

    @Override
    public <V> Context with(ContextKey<V> key, V value) {
      return this;
    }
  }
}
