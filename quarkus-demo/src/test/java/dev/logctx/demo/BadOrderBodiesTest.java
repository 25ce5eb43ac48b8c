package dev.logctx.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid order bodies get 400 with a JSON error, and start no background work. */
@QuarkusTest
class BadOrderBodiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "missing userId | {\"item\":\"book\",\"quantity\":1}                      | userId is missing",
        "missing item | {\"userId\":\"u-1\",\"quantity\":1}                       | item is missing",
        "missing quantity | {\"userId\":\"u-1\",\"item\":\"book\"}               | quantity is missing",
        "negative quantity | {\"userId\":\"u-1\",\"item\":\"book\",\"quantity\":-3} | quantity must be at least 1",
        "zero quantity | {\"userId\":\"u-1\",\"item\":\"book\",\"quantity\":0}     | quantity must be at least 1",
        "fractional quantity | {\"userId\":\"u-1\",\"item\":\"book\",\"quantity\":1.5} | quantity must be a whole number",
        "malformed JSON | {\"userId\":\"u-1\",\"item\":                           | malformed JSON",
        "not an object | [1,2,3]                                                  | must be a JSON object",
        "empty body | ``                                                          | must be a JSON object",
      })
  void should_answer_400_and_start_nothing(String kind, String body, String error) {
    String requestId = "req-bad-body-" + Integer.toHexString(kind.hashCode());
    try (CapturedLog log = CapturedLog.ofRootLogger().install()) {
      given()
          .header("X-Request-ID", requestId)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/orders")
          .then()
          .statusCode(400)
          .contentType(ContentType.JSON)
          .header("X-Request-ID", requestId)
          .body("error", notNullValue())
          .body("error", containsString(error));

      // A good order placed afterwards, and finished: work of the bad one would have shown by now.
      OrderClient.awaitFollowUps(OrderClient.place(null, "user-after-bad").orderId());

      assertThat(log.lines(line -> requestId.equals(line.requestId())))
          .as("the only line of the refused request")
          .singleElement()
          .satisfies(line -> assertThat(line.message()).startsWith("order refused: ").contains(error));
    }
  }
}
