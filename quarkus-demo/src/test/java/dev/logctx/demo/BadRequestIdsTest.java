package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logctx.testsupport.CapturedLog;
import dev.logctx.testsupport.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed {@code X-Request-ID} values, sent as raw bytes: each request is served normally under a
 * fresh generated id, which the response echoes and every log line of the request carries; the
 * raw value shows up in no log line.
 */
@QuarkusTest
class BadRequestIdsTest extends WithCapturedLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("200 characters", "x".repeat(200).getBytes(StandardCharsets.US_ASCII), List.of("x".repeat(65))),
        // CR LF followed by a continuation line (obs-fold): the value reaches the application.
        Arguments.of("CR LF (folded line)", bytes("abc\r\n fake-log-line"), List.of("fake-log-line")),
        Arguments.of("CR LF, URL-encoded", bytes("abc%0D%0Afake-log-line"), List.of("fake-log-line", "%0D")),
        Arguments.of("é (UTF-8 bytes)", "é".getBytes(StandardCharsets.UTF_8), List.of("é", "\u00c3\u00a9")),
        Arguments.of("empty", new byte[0], List.of()),
        Arguments.of("%n", bytes("%n"), List.of("%n")),
        Arguments.of("${jndi:x}", bytes("${jndi:x}"), List.of("${jndi:x}", "jndi")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void should_answer_with_a_generated_id_and_never_log_the_value(
      String kind, byte[] raw, List<String> forbidden) throws Exception {
    String user = "user-bad-" + Integer.toHexString(kind.hashCode());
    RawHttp.Answer answer = RawHttp.postOrder(RestAssured.port, raw, OrderClient.body(user, "pen", 1));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String generated = answer.headers().get("x-request-id");
    assertThat(generated).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    String orderId = JSON.readTree(answer.body()).get("orderId").asText();
    OrderClient.awaitFollowUps(orderId);

    assertThat(log.lines(line -> user.equals(line.userId())))
        .as("lines of this user")
        .allSatisfy(line -> assertThat(line.requestId()).isEqualTo(generated));
    List<String> messages =
        log.lines(line -> generated.equals(line.requestId()) && user.equals(line.userId())).stream()
            .map(CapturedLog.Line::message)
            .toList();
    assertThat(messages).containsOnlyOnce("order received");
    for (FollowUp followUp : FollowUp.values()) {
      assertThat(messages).containsOnlyOnce(followUp.logLine());
    }
    for (String text : forbidden) {
      assertThat(log.lines()).as("lines mentioning %s", text).noneMatch(line -> line.mentions(text));
    }
  }

  /**
   * A bare CR LF that ends the header line early: the HTTP server itself refuses the request (400)
   * before any application code runs, so nothing can be logged with it.
   */
  @Test
  void raw_cr_lf_should_be_refused_by_the_http_server_before_the_application() throws Exception {
    RawHttp.Answer answer =
        RawHttp.postOrder(RestAssured.port, bytes("abc\r\nfake-log-line"), OrderClient.body("user-crlf", "pen", 1));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(log.lines()).noneMatch(line -> line.mentions("fake-log-line"));
    assertThat(log.lines()).noneMatch(line -> line.mentions("user-crlf"));
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
