package dev.logctx.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Negative control: the same hand-over written with plain {@code CompletableFuture.runAsync} on a
 * plain pool logs without the request id and the user id. This is what logctx fixes.
 */
@QuarkusTest
class WithoutLogctxLosesTheIdTest {

  @Test
  void should_not_carry_the_request_id_to_a_plain_pool() {
    try (CapturedLog log = CapturedLog.ofRootLogger().install()) {
      given()
          .header("X-Request-ID", "req-plain-1")
          .queryParam("user", "user-plain-1")
          .post("/demo/without-logctx")
          .then()
          .statusCode(200)
          .header("X-Request-ID", "req-plain-1");

      assertThat(log.withMessage("without logctx: received"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.requestId()).isEqualTo("req-plain-1");
                assertThat(line.userId()).isEqualTo("user-plain-1");
              });
      assertThat(log.withMessage("without logctx: follow-up"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.requestId()).isNull();
                assertThat(line.userId()).isNull();
              });
    }
  }
}
