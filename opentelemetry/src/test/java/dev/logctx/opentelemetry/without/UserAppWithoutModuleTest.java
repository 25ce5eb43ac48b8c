package dev.logctx.opentelemetry.without;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.opentelemetry.scenario.TracedUserApp;
import dev.logctx.opentelemetry.scenario.TracedUserApp.Path;
import dev.logctx.opentelemetry.scenario.TracedUserApp.Tally;
import dev.logctx.testsupport.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The negative controls of {@code UserAppTracedTest}: the same application and paths on a class
 * path without logctx-opentelemetry (its own surefire execution, "without-logctx-opentelemetry").
 * logctx-api still carries the MDC; the OpenTelemetry context stays behind. Each path is reported
 * (lost / wrong / span not current / stale / orphan child spans) on standard output.
 */
@EnabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class UserAppWithoutModuleTest {

  @RegisterExtension final CapturedLog log = CapturedLog.ofRootLogger();

  @Test
  void the_module_is_absent_from_this_class_path() {
    assertThatThrownBy(() -> Class.forName("dev.logctx.opentelemetry.TraceKeys"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void without_the_module_no_line_carries_the_trace(Path path) throws Exception {
    try (TracedUserApp app = new TracedUserApp(false)) {
      for (int i = 0; i < 3; i++) {
        app.request(path + "-" + i, path);
        app.probePooledThreads();
      }
      Tally tally = app.tally(log);
      System.out.println("without logctx-opentelemetry, nothing bound by hand, " + path + ": " + tally);
      assertThat(tally.lost()).as("lines without their trace id").isEqualTo(tally.lines());
      assertThat(tally.orphanSpans()).as("child spans outside the request's trace").isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void with_ids_bound_by_hand_task_lines_show_the_request_span_not_the_current_one(Path path)
      throws Exception {
    try (TracedUserApp app = new TracedUserApp(true)) {
      for (int i = 0; i < 3; i++) {
        app.request(path + "-" + i, path);
        app.probePooledThreads();
      }
      Tally tally = app.tally(log);
      System.out.println("without logctx-opentelemetry, ids bound by hand, " + path + ": " + tally);
      assertThat(tally.spanMismatch()).as("lines whose span_id is not the current span").isPositive();
      assertThat(tally.orphanSpans()).as("child spans outside the request's trace").isEqualTo(3);
    }
  }
}
