package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * The header name comes from the Micronaut property {@code logctx.request-id-header}: the server
 * filter reads and echoes that header, and the default one is then ignored.
 */
@MicronautTest
@Property(name = "logctx.request-id-header", value = "X-Correlation-ID")
class ConfiguredHeaderTest extends CapturingTest {
  @Test
  void the_configured_header_carries_the_id() {
    HttpResponse<String> response =
        client
            .toBlocking()
            .exchange(
                HttpRequest.GET("/t/loop").header("X-Correlation-ID", "corr-1"), String.class);
    assertThat(response.header("X-Correlation-ID")).isEqualTo("corr-1");
    assertThat(logs.line("loop").requestId()).isEqualTo("corr-1");
  }

  @Test
  void the_default_header_is_then_not_read() {
    HttpResponse<String> response = get("/t/loop", "req-default");
    assertThat(response.header("X-Correlation-ID")).isNotEqualTo("req-default");
    assertThat(logs.line("loop").requestId()).isEqualTo(response.header("X-Correlation-ID"));
  }
}
