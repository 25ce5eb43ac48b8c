package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@link OpenTelemetryAtStartupTest}: the same run with logctx-micronaut
 * switched off ({@code logctx.micronaut.enabled=false}). Nothing starts logctx before
 * OpenTelemetry's first use, OpenTelemetry keeps its own storage, and the line logged inside the
 * span has no trace keys. Runs alone in the surefire execution "opentelemetry-at-startup-off".
 */
class OpenTelemetryAtStartupOffTest {
  @Test
  void without_logctx_micronaut_a_span_made_current_leaves_the_mdc_without_trace_keys() {
    OpenTelemetryAtStartup.Seen seen =
        OpenTelemetryAtStartup.run(Map.of(LogctxMicronaut.ENABLED_PROPERTY, "false"));

    assertThat(seen.started()).isTrue();
    assertThat(seen.storage()).isNotEqualTo(OpenTelemetryAtStartup.WRAPPER);
    assertThat(seen.inScope().mdc())
        .as("line logged inside the span: %s", seen.inScope())
        .doesNotContainKeys("trace_id", "span_id");
  }
}
