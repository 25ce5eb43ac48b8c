package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @AfterEach
  void clear_the_header_property() {
    System.clearProperty(RequestIds.HEADER_PROPERTY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "req-123",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "svc.orders:42_retry-1",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456._:-"
      })
  void should_accept_1_to_64_characters_of_the_allowed_set(String id) {
    assertThat(RequestIds.isValid(id)).isTrue();
    assertThat(RequestIds.acceptOrGenerate(id)).isSameAs(id);
  }

  @Test
  void should_accept_exactly_64_characters() {
    assertThat(RequestIds.isValid("x".repeat(64))).isTrue();
  }

  @Test
  void should_refuse_absent_and_empty() {
    assertThat(RequestIds.isValid(null)).isFalse();
    assertThat(RequestIds.isValid("")).isFalse();
  }

  @Test
  void should_refuse_more_than_64_characters() {
    assertThat(RequestIds.isValid("x".repeat(65))).isFalse();
    assertThat(RequestIds.isValid("x".repeat(200))).isFalse();
    assertThat(RequestIds.isValid("x".repeat(1_000_000))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc\r\nfake-log-line", "abc\nx", "abc\rx", "a\tb", "a\u0000b", "a\u007fb"})
  void should_refuse_control_characters(String id) {
    assertThat(RequestIds.isValid(id)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "caf\u00e9", "id-\u2028", "\uD83D\uDE00", "\uFF21"})
  void should_refuse_non_ascii(String id) {
    assertThat(RequestIds.isValid(id)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%n",
        "abc%nfake",
        "${jndi:ldap://x/a}",
        "${jndi:x}",
        "#{7*7}",
        "<script>",
        "a b",
        "a,b",
        "a;b",
        "\"quoted\"",
        "a/b",
        "a=b",
        "{}"
      })
  void should_refuse_log_injection_and_lookup_syntax(String id) {
    assertThat(RequestIds.isValid(id)).isFalse();
  }

  @Test
  void reasons_should_never_repeat_the_refused_value() {
    for (String bad : new String[] {"abc\r\nfake-log-line", "${jndi:x}", "y".repeat(200), "é"}) {
      String reason = RequestIds.rejection(bad);
      assertThat(reason).isNotNull().doesNotContain(bad).doesNotContain("jndi").doesNotContain("yyy");
    }
  }

  @Test
  void generated_ids_should_be_valid_and_distinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = RequestIds.generate();
      assertThat(RequestIds.isValid(id)).isTrue();
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void accept_or_generate_should_replace_a_refused_value() {
    String id = RequestIds.acceptOrGenerate("${jndi:x}");
    assertThat(id).isNotEqualTo("${jndi:x}");
    assertThat(RequestIds.isValid(id)).isTrue();
    assertThat(RequestIds.isValid(RequestIds.acceptOrGenerate(null))).isTrue();
  }

  @Test
  void configured_header_should_default_to_x_request_id() {
    assertThat(RequestIds.configuredHeader()).isEqualTo("X-Request-ID");
    System.setProperty(RequestIds.HEADER_PROPERTY, "  ");
    assertThat(RequestIds.configuredHeader()).isEqualTo("X-Request-ID");
  }

  @Test
  void configured_header_should_follow_the_system_property() {
    System.setProperty(RequestIds.HEADER_PROPERTY, "X-Correlation-ID");
    assertThat(RequestIds.configuredHeader()).isEqualTo("X-Correlation-ID");
  }

  @Test
  void configured_header_should_refuse_a_name_that_is_not_a_token() {
    System.setProperty(RequestIds.HEADER_PROPERTY, "X-Request ID");
    assertThatThrownBy(RequestIds::configuredHeader)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an HTTP header name");
    assertThatThrownBy(() -> RequestIds.requireHeaderName("X:Y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestIds.requireHeaderName(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
