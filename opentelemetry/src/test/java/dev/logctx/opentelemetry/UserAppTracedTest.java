package dev.logctx.opentelemetry;

import static dev.logctx.opentelemetry.scenario.TracedUserApp.SPAN_ID;
import static dev.logctx.opentelemetry.scenario.TracedUserApp.TRACE_FLAGS;
import static dev.logctx.opentelemetry.scenario.TracedUserApp.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.opentelemetry.scenario.TracedUserApp;
import dev.logctx.opentelemetry.scenario.TracedUserApp.Path;
import dev.logctx.opentelemetry.scenario.TracedUserApp.Tally;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

/**
 * A plain-Java application with only logctx-api, logctx-opentelemetry and the OpenTelemetry SDK
 * (plus logctx-cdi and SmallRye for the ManagedExecutor path): every line of a request carries its
 * trace id and the span current when it was logged, child spans started in the handed-over work
 * are children of the request's span, and no trace key stays on a pooled thread. The negative
 * controls are {@code without.UserAppWithoutModuleTest}, the same code on a class path without
 * this module.
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class UserAppTracedTest {

  @RegisterExtension final CapturedLog log = CapturedLog.ofRootLogger();

  @AfterEach
  void test_thread_is_clean() {
    assertThat(MDC.getCopyOfContextMap()).as("test thread MDC").isNullOrEmpty();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void every_line_of_each_request_carries_its_trace_and_the_current_span(Path path)
      throws Exception {
    try (TracedUserApp app = new TracedUserApp(false)) {
      for (int i = 0; i < 3; i++) {
        app.request(path + "-" + i, path);
        app.probePooledThreads();
      }
      Tally tally = app.tally(log);
      assertThat(tally.lines()).as("lines").isGreaterThanOrEqualTo(3 * 5);
      assertThat(tally.taskSpans()).as("child spans").isEqualTo(3);
      assertThat(tally).as("%s: %s", path, log.lines()).matches(Tally::clean, "clean");
    }
  }

  @Test
  void hundred_concurrent_requests_on_every_path_keep_their_trace_and_span_ids()
      throws Exception {
    ExecutorService requestThreads = Executors.newFixedThreadPool(8);
    try (TracedUserApp app = new TracedUserApp(false)) {
      List<Future<?>> requests = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Path path = Path.values()[i % Path.values().length];
        String id = "req-" + i;
        requests.add(
            requestThreads.submit(
                () -> {
                  app.request(id, path);
                  return null;
                }));
      }
      for (Future<?> request : requests) {
        request.get(60, TimeUnit.SECONDS);
      }
      app.probePooledThreads();
      Tally tally = app.tally(log);
      assertThat(tally.taskSpans()).isEqualTo(100);
      assertThat(tally.lines()).isGreaterThanOrEqualTo(100 * 5);
      assertThat(tally).matches(Tally::clean, "clean");
    } finally {
      requestThreads.shutdownNow();
    }
  }

  @Test
  void request_threads_keep_no_trace_key_after_their_span() throws Exception {
    ExecutorService requestThread = Executors.newSingleThreadExecutor();
    try (TracedUserApp app = new TracedUserApp(false)) {
      requestThread
          .submit(
              () -> {
                app.request("one", Path.WRAPPED_EXECUTOR);
                org.slf4j.LoggerFactory.getLogger("app").info("probe");
                return null;
              })
          .get(30, TimeUnit.SECONDS);
      assertThat(log.line("probe").mdc()).doesNotContainKeys(TRACE_ID, SPAN_ID, TRACE_FLAGS);
      assertThat(app.tally(log)).matches(Tally::clean, "clean");
    } finally {
      requestThread.shutdownNow();
    }
  }
}
