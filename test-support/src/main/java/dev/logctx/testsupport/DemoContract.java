package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The one interface the three demos (Quarkus, Micronaut, Jakarta EE) share, checked against a
 * running demo over real HTTP: {@code GET /health} answers {@code {"status":"up"}}; {@code POST
 * /orders} answers 201 with {@code {"status":"created","orderId":"ord-<n>"}}, a {@code Location}
 * of {@code /orders/ord-<n>} and the request's {@code X-Request-ID} echoed; and every line an order
 * logs ({@code order received} and one line per follow-up, each from the thread that ran it) carries
 * that request's {@code request_id} and {@code user_id} in its MDC.
 *
 * <p>Each demo's integration test implements this interface over its own running server and log
 * reader; the default methods are the tests JUnit runs.
 */
public interface DemoContract {
  /** The client of every request the contract sends. */
  HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  /** How long the lines of an order may take to appear. */
  Duration LINES_TIMEOUT = Duration.ofSeconds(120);

  /** The body of an accepted order, field for field and in this order. */
  Pattern CREATED_BODY = Pattern.compile("\\{\"status\":\"created\",\"orderId\":\"(ord-[0-9]+)\"\\}");

  /**
   * One log line as every demo writes it in JSON ({@code mdc.request_id}, {@code mdc.user_id},
   * {@code threadName}, {@code message}).
   *
   * @param requestId {@code mdc.request_id}, null when absent
   * @param userId {@code mdc.user_id}, null when absent
   * @param threadName the thread that logged the line
   * @param message the message
   */
  record Line(
      @Nullable String requestId, @Nullable String userId, String threadName, String message) {}

  /**
   * The address of {@code path} on the running demo.
   *
   * @param path an absolute path, such as {@code /health}
   * @return its URI
   */
  URI demoUri(String path);

  /**
   * Waits until at least {@code count} lines of the demo match {@code which}, and returns all
   * matching lines; fails when they do not come within {@code timeout}.
   *
   * @param which the lines to wait for
   * @param count how many at least
   * @param timeout how long at most
   * @return every matching line logged so far
   * @throws Exception if the wait fails or times out
   */
  List<Line> awaitDemoLines(Predicate<Line> which, int count, Duration timeout) throws Exception;

  /**
   * The messages every accepted order logs, each exactly once: {@code order received} and one line
   * per follow-up.
   *
   * @return the messages
   */
  Set<String> demoOrderMessages();

  @Test
  default void health_answers_200_with_status_up() throws Exception {
    HttpResponse<String> health = send(HttpRequest.newBuilder(demoUri("/health")).GET());

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
  }

  @Test
  default void an_order_is_answered_201_with_its_order_id_and_the_request_id_echoed()
      throws Exception {
    String id = "contract-" + UUID.randomUUID();
    HttpResponse<String> created = placeOrder(id, "contract-user");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("X-Request-ID")).hasValue(id);
    Matcher body = CREATED_BODY.matcher(created.body());
    assertThat(body.matches()).as("body %s", created.body()).isTrue();
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/orders/" + body.group(1)));
  }

  @Test
  default void every_line_of_an_order_carries_its_request_id_and_user() throws Exception {
    String id = "contract-" + UUID.randomUUID();
    String user = "user-" + id.substring(id.length() - 8);
    Set<String> messages = demoOrderMessages();
    HttpResponse<String> created = placeOrder(id, user);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    List<Line> expected =
        awaitDemoLines(
            line -> id.equals(line.requestId()) && messages.contains(line.message()),
            messages.size(),
            LINES_TIMEOUT);
    List<Line> all = awaitDemoLines(line -> id.equals(line.requestId()), expected.size(), LINES_TIMEOUT);

    assertThat(expected)
        .extracting(Line::message)
        .as("each message of an order once, with its request id")
        .containsExactlyInAnyOrderElementsOf(messages);
    assertThat(all)
        .allSatisfy(
            line -> {
              assertThat(line.userId()).as(line.toString()).isEqualTo(user);
              assertThat(line.threadName()).as(line.toString()).isNotBlank();
            });
    String received =
        expected.stream()
            .filter(line -> line.message().equals("order received"))
            .findFirst()
            .orElseThrow()
            .threadName();
    assertThat(expected)
        .as("follow-ups run on other threads than the request's")
        .anySatisfy(line -> assertThat(line.threadName()).isNotEqualTo(received));
  }

  private HttpResponse<String> placeOrder(String requestId, String user)
      throws IOException, InterruptedException {
    String body = "{\"userId\":\"" + user + "\",\"item\":\"book\",\"quantity\":2}";
    return send(
        HttpRequest.newBuilder(demoUri("/orders"))
            .header("Content-Type", "application/json")
            .header("X-Request-ID", requestId)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
