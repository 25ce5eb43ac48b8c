package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * What an application's {@code ExceptionHandler} sees of the request id on Micronaut 4.10: the
 * facts behind "Exception handlers" in docs/micronaut.md. The request id is bound through
 * Micronaut's propagated context, so a handler sees it exactly where Micronaut runs the handler in
 * the request's propagated context.
 */
@MicronautTest
class ExceptionHandlerTest extends CapturingTest {

  private void refused(String path, String id) {
    assertThatThrownBy(() -> get(path, id))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
              assertThat(e.getResponse().header("X-Request-ID")).isEqualTo(id);
            });
  }

  @Test
  void a_handler_of_an_event_loop_controller_logs_with_the_request_id() {
    refused("/fail/loop", "req-fail-loop");
    assertThat(logs.line("handler loop").requestId()).isEqualTo("req-fail-loop");
  }

  @Test
  void a_handler_of_an_execute_on_controller_logs_with_the_request_id() {
    refused("/fail/blocking", "req-fail-blocking");
    assertThat(logs.line("handler blocking").requestId()).isEqualTo("req-fail-blocking");
  }
}
