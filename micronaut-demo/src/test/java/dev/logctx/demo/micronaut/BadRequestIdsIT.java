package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logctx.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile {@code X-Request-ID} values, sent as raw bytes to the packaged demo: each order is served
 * under a fresh generated id, which the response echoes and every line of the order carries; the
 * value itself shows up in no line of stdout, raw or decoded.
 */
class BadRequestIdsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("300 characters", ascii("x".repeat(300)), List.of("x".repeat(65))),
        Arguments.of("${jndi:ldap://x}", ascii("${jndi:ldap://x}"), List.of("jndi", "ldap")),
        // CR LF followed by a continuation line (obs-fold): the value reaches the application.
        Arguments.of("CR LF (folded line)", ascii("abc\r\n fake-log-line"), List.of("fake-log-line")),
        Arguments.of("CR LF, URL-encoded", ascii("abc%0D%0Afake-log-line"), List.of("fake-log-line", "%0D")),
        Arguments.of("é (UTF-8 bytes)", "é".getBytes(StandardCharsets.UTF_8), List.of("é", "\u00c3\u00a9")),
        Arguments.of("empty", new byte[0], List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void should_answer_with_a_generated_id_and_never_log_the_value(
      String kind, byte[] raw, List<String> forbidden) throws Exception {
    DemoServer server = DemoServer.shared();
    String user = "user-bad-" + Integer.toHexString(kind.hashCode());
    int from = server.lines().size();

    RawHttp.Answer answer =
        RawHttp.postOrder(server.port(), raw, OrderClient.body(user, "pen", 1));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String generated = answer.headers().get("x-request-id");
    assertThat(generated).as("generated id, echoed").matches("[A-Za-z0-9._:-]{8,64}");
    OrderClient.Placed placed =
        new OrderClient.Placed(JSON.readTree(answer.body()).get("orderId").asText(), generated, user);
    Map<String, List<LogLine>> lines = OrderClient.awaitLinesOf(server, List.of(placed));
    assertThat(OrderClient.problems(List.of(placed), lines)).isEmpty();
    for (String text : forbidden) {
      assertThat(server.linesFrom(from)).as("lines mentioning %s", text).noneMatch(line -> line.mentions(text));
      assertThat(server.otherOutput()).as("other output mentioning %s", text).noneMatch(out -> out.contains(text));
    }
  }

  /** Without the header at all: a generated id, echoed, on every line of the order. */
  @Test
  void should_generate_and_echo_an_id_when_there_is_none() throws Exception {
    DemoServer server = DemoServer.shared();
    OrderClient.Placed placed = OrderClient.place(server, null, "user-no-header");

    assertThat(placed.requestId()).matches("[A-Za-z0-9._:-]{8,64}");
    Map<String, List<LogLine>> lines = OrderClient.awaitLinesOf(server, List.of(placed));
    assertThat(OrderClient.problems(List.of(placed), lines)).isEmpty();
  }

  /**
   * A bare CR LF that ends the header line early: the HTTP server refuses the request before any
   * application code runs, so nothing is logged with it.
   */
  @Test
  void raw_cr_lf_should_be_refused_before_the_application() throws Exception {
    DemoServer server = DemoServer.shared();
    int from = server.lines().size();

    RawHttp.Answer answer =
        RawHttp.postOrder(server.port(), ascii("abc\r\nfake-log-line"), OrderClient.body("user-crlf", "pen", 1));

    assertThat(answer.status()).isEqualTo(400);
    // A good order afterwards, finished: a line of the refused one would have shown by now.
    OrderClient.awaitLinesOf(server, List.of(OrderClient.place(server, null, "user-after-crlf")));
    assertThat(server.linesFrom(from)).noneMatch(line -> line.mentions("fake-log-line"));
    assertThat(server.linesFrom(from)).noneMatch(line -> line.mentions("user-crlf"));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
