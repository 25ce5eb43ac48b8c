package dev.logctx.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code RequestIdFilter} in Quarkus REST, where the MDC of a request lives in the request's Vert.x
 * duplicated context: for a blocking endpoint its request phase runs on the event loop and its
 * response phase on a worker thread, yet it removes {@code request_id} from the request's MDC at
 * the end; and a request never starts with the id of an earlier one, on whatever thread it lands.
 * The evidence is the log lines of a filter that runs just before the request phase and just after
 * the response phase ({@link RequestIdOwnershipResource.AroundTheRequestIdFilter}).
 */
@QuarkusTest
class RequestIdOwnershipTest extends WithCapturedLog {
  private static final int REQUESTS = 40;

  private final String run = Long.toString(System.nanoTime(), 36);

  @ParameterizedTest
  @ValueSource(strings = {"blocking", "non-blocking"})
  void each_request_starts_without_an_earlier_id_and_ends_without_its_own(String endpoint) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String id = "own-" + endpoint + "-" + run + "-" + i;
      ids.add(id);
      given()
          .header("X-Request-ID", id)
          .get("/request-id-ownership/" + endpoint + "/" + id)
          .then()
          .statusCode(200)
          .header("X-Request-ID", id);
    }

    for (String id : ids) {
      CapturedLog.Line before = only(id + " before the filter");
      CapturedLog.Line handled = only(id + " handled");
      CapturedLog.Line after = only(id + " after the filter");
      assertThat(before.requestId()).as("before the request phase: %s", before).isNull();
      assertThat(handled.requestId()).as("in the resource: %s", handled).isEqualTo(id);
      assertThat(after.requestId()).as("after the response phase: %s", after).isNull();
      if (endpoint.equals("blocking")) {
        // The case that matters: the two phases on two threads, one MDC (the request's context).
        assertThat(before.thread()).startsWith("vert.x-eventloop-thread-");
        assertThat(after.thread()).isEqualTo(handled.thread()).doesNotStartWith("vert.x-");
      } else {
        assertThat(after.thread()).isEqualTo(before.thread()).startsWith("vert.x-eventloop-thread-");
      }
    }
  }

  private CapturedLog.Line only(String message) {
    List<CapturedLog.Line> found =
        log.withMessage(RequestIdOwnershipResource.PREFIX + message);
    assertThat(found).as("lines \"%s\"", message).hasSize(1);
    return found.get(0);
  }
}
