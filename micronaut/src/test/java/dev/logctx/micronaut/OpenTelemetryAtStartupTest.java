package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application context that starts before OpenTelemetry's first use has started logctx, so
 * logctx-opentelemetry's storage wrapper is the one OpenTelemetry chose, and a span made current
 * by code that is not logctx puts its ids into the MDC. Runs alone in the surefire execution
 * "opentelemetry-at-startup": a fresh JVM with logctx-opentelemetry on its class path, since
 * OpenTelemetry chooses its storage once per JVM.
 */
class OpenTelemetryAtStartupTest {
  @Test
  void the_trace_keys_follow_a_span_made_current_after_the_context_started() {
    OpenTelemetryAtStartup.Seen seen = OpenTelemetryAtStartup.run(Map.of());

    assertThat(seen.started()).isTrue();
    assertThat(seen.storage())
        .as("OpenTelemetry's storage is logctx's wrapper")
        .isEqualTo(OpenTelemetryAtStartup.WRAPPER);
    assertThat(seen.inScope().mdc())
        .as("line logged inside the span: %s", seen.inScope())
        .containsEntry("trace_id", OpenTelemetryAtStartup.TRACE_ID)
        .containsEntry("span_id", OpenTelemetryAtStartup.SPAN_ID);
    assertThat(seen.afterScope().mdc())
        .as("line logged after the span's scope closed: %s", seen.afterScope())
        .doesNotContainKeys("trace_id", "span_id");
  }
}
