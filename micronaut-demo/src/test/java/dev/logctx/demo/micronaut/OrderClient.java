package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** What the tests do over HTTP: place orders, wait for every line of them. */
final class OrderClient {
  /** The lines of one order: "order received" and one per follow-up. */
  static final List<String> ORDER_LINES =
      Stream.concat(Stream.of("order received"), Stream.of(FollowUp.values()).map(FollowUp::logLine))
          .toList();

  private static final Duration LINES_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private OrderClient() {}

  /** An order placed: its id, the request id the server echoed, the user. */
  record Placed(String orderId, String requestId, String userId) {}

  static String body(String userId, String item, int quantity) {
    return "{\"userId\":\"" + userId + "\",\"item\":\"" + item + "\",\"quantity\":" + quantity + "}";
  }

  /** POST {@code body} to /orders, with {@code X-Request-ID: requestId} unless it is null. */
  static HttpResponse<String> post(DemoServer server, @Nullable String requestId, String body)
      throws IOException, InterruptedException {
    return post(server, requestId, null, body);
  }

  /**
   * POST {@code body} to /orders, with {@code X-Request-ID: requestId} and {@code traceparent}
   * unless they are null.
   */
  static HttpResponse<String> post(
      DemoServer server, @Nullable String requestId, @Nullable String traceparent, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/orders"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (requestId != null) {
      request.header("X-Request-ID", requestId);
    }
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET {@code path}. */
  static HttpResponse<String> get(DemoServer server, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Places an order; expects 201 and, when {@code requestId} is given, that very id echoed. Without
   * logctx-micronaut's filter nothing is echoed: then the placed order's request id is {@code
   * requestId} (or "" without one).
   */
  static Placed place(DemoServer server, @Nullable String requestId, String userId)
      throws IOException, InterruptedException {
    return place(server, requestId, userId, null);
  }

  /** {@link #place(DemoServer, String, String)} with a {@code traceparent} unless it is null. */
  static Placed place(
      DemoServer server, @Nullable String requestId, String userId, @Nullable String traceparent)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post(server, requestId, traceparent, body(userId, "book", 2));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String echoed = response.headers().firstValue("X-Request-ID").orElse(null);
    if (requestId != null && echoed != null) {
      assertThat(echoed).isEqualTo(requestId);
    }
    String orderId = JSON.readTree(response.body()).path("orderId").asText();
    assertThat(orderId).startsWith("ord-");
    String id = echoed != null ? echoed : requestId != null ? requestId : "";
    return new Placed(orderId, id, userId);
  }

  /** Places {@code count} orders, {@code inFlight} at a time, and returns them in order. */
  static List<Placed> placeAll(
      DemoServer server,
      int count,
      int inFlight,
      IntFunction<@Nullable String> requestId,
      IntFunction<String> userId)
      throws Exception {
    return placeAll(server, count, inFlight, requestId, userId, i -> null);
  }

  /**
   * Places {@code count} orders, {@code inFlight} at a time, each with the {@code traceparent}
   * given for its index unless it is null, and returns them in order.
   */
  static List<Placed> placeAll(
      DemoServer server,
      int count,
      int inFlight,
      IntFunction<@Nullable String> requestId,
      IntFunction<String> userId,
      IntFunction<@Nullable String> traceparent)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<Placed>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = requestId.apply(i);
        String user = userId.apply(i);
        String parent = traceparent.apply(i);
        futures.add(clients.submit(() -> place(server, id, user, parent)));
      }
      List<Placed> placed = new ArrayList<>();
      for (Future<Placed> future : futures) {
        placed.add(future.get(60, TimeUnit.SECONDS));
      }
      return placed;
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Waits (bounded) for every line of every order — found by the {@code order_id} each line carries,
   * not by its MDC — and returns them by order id. Only the lines of {@link #ORDER_LINES}: the
   * Kafka consumer's lines of an order have tests of their own ({@code OrderEventsKeepTheirIdsIT}).
   */
  static Map<String, List<LogLine>> awaitLinesOf(DemoServer server, Collection<Placed> orders) {
    Set<String> orderIds = orders.stream().map(Placed::orderId).collect(Collectors.toSet());
    List<LogLine> found =
        server.awaitLines(
            line -> orderIds.contains(line.orderId()) && ORDER_LINES.contains(line.message()),
            orders.size() * ORDER_LINES.size(),
            LINES_TIMEOUT);
    Map<String, List<LogLine>> byOrder = new LinkedHashMap<>();
    orders.forEach(order -> byOrder.put(order.orderId(), new ArrayList<>()));
    found.forEach(line -> byOrder.get(line.orderId()).add(line));
    return byOrder;
  }

  /**
   * What is wrong with the lines of these orders: a line missing or seen twice, a line without the
   * order's request id or user id, or with another's.
   */
  static List<String> problems(Collection<Placed> orders, Map<String, List<LogLine>> linesByOrder) {
    List<String> problems = new ArrayList<>();
    for (Placed order : orders) {
      List<LogLine> lines = linesByOrder.getOrDefault(order.orderId(), List.of());
      for (String message : ORDER_LINES) {
        long seen = lines.stream().filter(line -> line.message().equals(message)).count();
        if (seen != 1) {
          problems.add(order.orderId() + ": '" + message + "' seen " + seen + " times");
        }
      }
      for (LogLine line : lines) {
        if (!order.requestId().equals(line.requestId()) || !order.userId().equals(line.userId())) {
          problems.add(
              order.orderId()
                  + " (request_id "
                  + order.requestId()
                  + ", user_id "
                  + order.userId()
                  + "): "
                  + line.raw());
        }
      }
    }
    return problems;
  }
}
