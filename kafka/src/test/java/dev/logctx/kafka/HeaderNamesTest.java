package dev.logctx.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

  @Test
  void defaults_carry_request_id_in_x_request_id_and_user_id_in_x_user_id() {
    assertThat(HeaderNames.defaults().asMap())
        .containsExactly(
            Map.entry("request_id", "X-Request-ID"), Map.entry("user_id", "X-User-ID"));
  }

  @Test
  void a_configuration_without_logctx_entries_gives_the_defaults() {
    assertThat(HeaderNames.fromConfig(Map.of("bootstrap.servers", "localhost:9092")))
        .isEqualTo(HeaderNames.defaults());
  }

  @Test
  void keys_and_headers_come_from_the_configuration() {
    HeaderNames names =
        HeaderNames.fromConfig(
            Map.of(
                "logctx.kafka.keys", " request_id , user_id,tenant ",
                "logctx.kafka.header.user_id", "X-User",
                "logctx.kafka.header.tenant", "X-Tenant"));

    assertThat(names.asMap())
        .containsExactly(
            Map.entry("request_id", "X-Request-ID"),
            Map.entry("user_id", "X-User"),
            Map.entry("tenant", "X-Tenant"));
  }

  @Test
  void a_key_without_a_header_entry_travels_in_a_header_named_like_it() {
    assertThat(HeaderNames.fromConfig(Map.of("logctx.kafka.keys", "tenant")).asMap())
        .containsExactly(Map.entry("tenant", "tenant"));
  }

  @Test
  void invalid_configurations_fail_with_a_message_naming_the_entry() {
    assertThatThrownBy(() -> HeaderNames.fromConfig(Map.of("logctx.kafka.keys", "a,,b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an MDC key");
    assertThatThrownBy(() -> HeaderNames.fromConfig(Map.of("logctx.kafka.keys", "a,a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () -> HeaderNames.fromConfig(Map.of("logctx.kafka.header.request_id", "X Bad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an HTTP header name");
    assertThatThrownBy(() -> HeaderNames.fromConfig(Map.of("logctx.kafka.header.tenant", "X-T")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logctx.kafka.header.tenant");
    assertThatThrownBy(() -> HeaderNames.fromConfig(Map.of("logctx.kafka.keys", 42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a string");
    Map<String, String> shared = new LinkedHashMap<>();
    shared.put("request_id", "X-Id");
    shared.put("user_id", "X-Id");
    assertThatThrownBy(() -> HeaderNames.of(shared))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share the header");
    assertThatThrownBy(() -> HeaderNames.of(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void add_to_writes_the_values_a_captured_context_holds_unless_the_application_set_one_header() {
    dev.logctx.LogContext context =
        dev.logctx.LogContext.of(
            Map.of("request_id", "req-1", "user_id", "from-context", "other", "x"));
    org.apache.kafka.common.header.internals.RecordHeaders plain =
        new org.apache.kafka.common.header.internals.RecordHeaders();
    plain.add("traceparent", "00-abc-def-01".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    org.apache.kafka.common.header.internals.RecordHeaders own =
        new org.apache.kafka.common.header.internals.RecordHeaders();
    own.add("X-User-ID", "set-by-app".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    HeaderNames.defaults().addTo(plain, context);
    HeaderNames.defaults().addTo(own, context);

    assertThat(plain.toArray()).hasSize(3);
    assertThat(new String(plain.lastHeader("X-Request-ID").value(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("req-1");
    assertThat(new String(plain.lastHeader("X-User-ID").value(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("from-context");
    assertThat(own.toArray()).as("the application's identity, nothing beside it").hasSize(1);
    assertThat(new String(own.lastHeader("X-User-ID").value(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("set-by-app");
  }

  @Test
  void null_arguments_fail_naming_them() {
    assertThatThrownBy(() -> HeaderNames.fromConfig(null)).hasMessage("configs");
    assertThatThrownBy(() -> HeaderNames.of(null)).hasMessage("keyToHeader");
  }
}
