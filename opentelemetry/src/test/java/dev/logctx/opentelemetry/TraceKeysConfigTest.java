package dev.logctx.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Where a key name comes from: the system property first, then MicroProfile Config (here
 * SmallRye Config reading the test's {@code META-INF/microprofile-config.properties}), then the
 * default; a blank value counts as unset.
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class TraceKeysConfigTest {

  @Test
  void the_default_when_nothing_names_the_key() {
    assertThat(TraceKeys.resolve("logctx.otel.test.unset-key", "fallback")).isEqualTo("fallback");
  }

  @Test
  void microprofile_config_names_the_key() {
    assertThat(TraceKeys.resolve("logctx.otel.test.config-key", "fallback"))
        .isEqualTo("fromConfig");
  }

  @Test
  void the_system_property_wins_over_microprofile_config_and_blank_is_unset() {
    String property = "logctx.otel.test.config-key";
    System.setProperty(property, "fromProperty");
    try {
      assertThat(TraceKeys.resolve(property, "fallback")).isEqualTo("fromProperty");
      System.setProperty("logctx.otel.test.blank-key", "  ");
      assertThat(TraceKeys.resolve("logctx.otel.test.blank-key", "fallback"))
          .isEqualTo("fallback");
    } finally {
      System.clearProperty(property);
      System.clearProperty("logctx.otel.test.blank-key");
    }
  }

  @Test
  void the_keys_in_use_are_the_defaults_in_this_run() {
    assertThat(TraceKeys.traceIdKey()).isEqualTo("trace_id");
    assertThat(TraceKeys.spanIdKey()).isEqualTo("span_id");
    assertThat(TraceKeys.traceFlagsKey()).isEqualTo("trace_flags");
  }
}
