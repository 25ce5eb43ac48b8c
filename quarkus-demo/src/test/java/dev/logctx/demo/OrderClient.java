package dev.logctx.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** What the tests do over HTTP: place an order, wait until its follow-ups are over. */
final class OrderClient {
  private OrderClient() {}

  /**
   * POST {@code path} with {@code X-Request-ID: id} and the query parameter {@code user}; expects
   * 200 and the id echoed.
   */
  static JsonPath postWithId(String path, String id, String user) {
    return given()
        .header("X-Request-ID", id)
        .queryParam("user", user)
        .post(path)
        .then()
        .statusCode(200)
        .header("X-Request-ID", id)
        .extract()
        .jsonPath();
  }

  /** An order placed: its id and the request id the server echoed. */
  record Placed(String orderId, String requestId, String userId) {}

  static String body(String userId, String item, int quantity) {
    return "{\"userId\":\"" + userId + "\",\"item\":\"" + item + "\",\"quantity\":" + quantity + "}";
  }

  /** POST /orders, with {@code X-Request-ID: requestId} unless it is null; expects 201. */
  static Placed place(@Nullable String requestId, String userId) {
    return place(requestId, userId, null);
  }

  /**
   * POST /orders, with {@code X-Request-ID: requestId} and {@code traceparent} unless they are
   * null; expects 201.
   */
  static Placed place(@Nullable String requestId, String userId, @Nullable String traceparent) {
    var request = given().contentType(ContentType.JSON).body(body(userId, "book", 2));
    if (requestId != null) {
      request = request.header("X-Request-ID", requestId);
    }
    if (traceparent != null) {
      request = request.header("traceparent", traceparent);
    }
    Response response = request.post("/orders");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    String echoed = response.header("X-Request-ID");
    if (requestId != null) {
      assertThat(echoed).isEqualTo(requestId);
    }
    assertThat(response.jsonPath().getString("status")).isEqualTo("created");
    return new Placed(response.jsonPath().getString("orderId"), echoed, userId);
  }

  /** Polls GET /orders/{id} until no follow-up is pending; fails if one failed. */
  static Map<String, String> awaitFollowUps(String orderId) {
    AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Map<String, String> followUps =
                  given()
                      .get("/orders/" + orderId)
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getMap("followUps", String.class, String.class);
              last.set(followUps);
              return !followUps.containsValue("pending");
            });
    assertThat(last.get())
        .as("follow-ups of %s", orderId)
        .doesNotContainValue("failed")
        .hasSize(FollowUp.values().length);
    return last.get();
  }
}
