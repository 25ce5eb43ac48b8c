package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid order bodies get 400 with a JSON error and the request id echoed, and start no work. */
class BadOrderBodiesIT {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "missing userId | {\"item\":\"book\",\"quantity\":1}                      | userId is missing",
        "missing item | {\"userId\":\"u-1\",\"quantity\":1}                       | item is missing",
        "missing quantity | {\"userId\":\"u-1\",\"item\":\"book\"}               | quantity is missing",
        "zero quantity | {\"userId\":\"u-1\",\"item\":\"book\",\"quantity\":0}     | quantity must be at least 1",
        "fractional quantity | {\"userId\":\"u-1\",\"item\":\"book\",\"quantity\":1.5} | quantity must be a whole number",
        "hostile userId | {\"userId\":\"${jndi:x}\",\"item\":\"book\",\"quantity\":1} | userId must be 1 to 64 characters",
        "malformed JSON | {\"userId\":\"u-1\",\"item\":                           | malformed JSON",
        "not an object | [1,2,3]                                                  | must be a JSON object",
        "empty body | ``                                                          | must be a JSON object",
      })
  void should_answer_400_and_start_nothing(String kind, String body, String error) throws Exception {
    DemoServer server = DemoServer.shared();
    String requestId = "req-bad-body-" + Integer.toHexString(kind.hashCode());
    int from = server.lines().size();

    HttpResponse<String> response = OrderClient.post(server, requestId, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
    assertThat(response.body()).startsWith("{\"error\":\"").contains(error);
    // A good order afterwards, finished: work of the bad one would have shown by now.
    OrderClient.awaitLinesOf(server, List.of(OrderClient.place(server, null, "user-after-bad")));
    assertThat(server.linesFrom(from).stream().filter(line -> requestId.equals(line.requestId())))
        .as("the only line of the refused request")
        .singleElement()
        .satisfies(line -> assertThat(line.message()).startsWith("order refused: ").contains(error));
    assertThat(server.linesFrom(from)).noneMatch(line -> line.mentions("jndi"));
  }
}
