package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logctx.testsupport.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code X-Request-ID} through Quarkus REST as a client may send it, raw: a header name in any
 * letter case is the same header, and its one valid value is used; a header sent more than once
 * (even twice the same valid value) is refused as a whole, as logctx-micronaut's filter refuses it:
 * the request runs under a generated id, and no value sent shows up in the answer or a log line.
 */
@QuarkusTest
class RepeatedRequestIdHeaderTest extends WithCapturedLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static Stream<Arguments> oneHeaderInOtherCase() {
    return Stream.of(
        Arguments.of("x-request-id: case-lower-1\r\n", "case-lower-1"),
        Arguments.of("X-REQUEST-ID: case-upper-1\r\n", "case-upper-1"),
        Arguments.of("x-ReQuEsT-iD: case-mixed-1\r\n", "case-mixed-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneHeaderInOtherCase")
  void a_header_name_in_other_letter_case_is_the_same_header(String headerLine, String id)
      throws Exception {
    String user = "user-" + id;
    RawHttp.Answer answer =
        RawHttp.postOrderWithHeaderLines(RestAssured.port, headerLine, OrderClient.body(user, "pen", 1));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.headers().get("x-request-id")).isEqualTo(id);
    OrderClient.awaitFollowUps(JSON.readTree(answer.body()).get("orderId").asText());
    assertThat(log.lines(line -> user.equals(line.userId())))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.requestId()).isEqualTo(id));
  }

  static Stream<Arguments> repeatedHeaders() {
    return Stream.of(
        Arguments.of(
            "two values", "X-Request-ID: rep-first-1\r\nX-Request-ID: rep-second-1\r\n",
            List.of("rep-first-1", "rep-second-1")),
        Arguments.of(
            "the same value twice", "X-Request-ID: rep-same-2\r\nX-Request-ID: rep-same-2\r\n",
            List.of("rep-same-2")),
        Arguments.of(
            "two values, names in other case", "X-Request-ID: rep-first-3\r\nx-request-id: rep-second-3\r\n",
            List.of("rep-first-3", "rep-second-3")),
        Arguments.of(
            "a valid and an empty value", "X-Request-ID: rep-first-4\r\nX-Request-ID:\r\n",
            List.of("rep-first-4")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeatedHeaders")
  void a_repeated_header_is_refused_and_none_of_its_values_is_logged(
      String kind, String headerLines, List<String> sent) throws Exception {
    String user = "user-rep-" + Integer.toHexString(kind.hashCode());
    RawHttp.Answer answer =
        RawHttp.postOrderWithHeaderLines(RestAssured.port, headerLines, OrderClient.body(user, "pen", 1));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String generated = answer.headers().get("x-request-id");
    assertThat(generated).matches(UUID);
    OrderClient.awaitFollowUps(JSON.readTree(answer.body()).get("orderId").asText());
    assertThat(log.lines(line -> user.equals(line.userId())))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.requestId()).isEqualTo(generated));
    for (String value : sent) {
      assertThat(answer.body()).doesNotContain(value);
      assertThat(log.lines()).as("lines mentioning %s", value).noneMatch(line -> line.mentions(value));
    }
  }
}
