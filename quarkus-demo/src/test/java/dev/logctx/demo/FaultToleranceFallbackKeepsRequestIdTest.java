package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fallback follow-up over real HTTP: orders at once, each with its own ids. For each order
 * every line of its Fault Tolerance strategy carries that order's request id and user id: each
 * attempt, Fault Tolerance's own lines ("invocation failed, retrying", "invoking fallback") and the
 * fallback, which Fault Tolerance calls on its own thread, outside every interceptor, after the
 * retries its timer started. No line of the strategy lost them or carries another's.
 */
@QuarkusTest
class FaultToleranceFallbackKeepsRequestIdTest extends WithCapturedLog {
  private static final int ORDERS = 24;
  private static final int IN_FLIGHT = 8;
  private static final String STRATEGY = WarehouseReservation.class.getName() + "#reserve";

  private final ExecutorService clients = clientPool(IN_FLIGHT);

  @Test
  void every_line_of_the_retries_and_the_fallback_should_carry_the_orders_ids() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String id = "ft-" + run + "-" + i;
      String user = "ft-user-" + run + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(id, user)));
    }
    List<OrderClient.Placed> orders = new ArrayList<>();
    for (Future<OrderClient.Placed> future : futures) {
      orders.add(future.get());
    }
    for (OrderClient.Placed order : orders) {
      assertThat(OrderClient.awaitFollowUps(order.orderId()))
          .containsEntry(FollowUp.FALLBACK.jsonName(), "done");
    }

    Map<String, OrderClient.Placed> byRequestId = new HashMap<>();
    orders.forEach(order -> byRequestId.put(order.requestId(), order));
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (CapturedLog.Line line : log.lines()) {
      String kind = kindOf(line);
      if (kind == null) {
        continue;
      }
      OrderClient.Placed order = byRequestId.get(line.requestId());
      if (order == null) {
        problems.add("no request id of these orders: " + line);
        continue;
      }
      if (!order.userId().equals(line.userId())) {
        problems.add("user of another request: " + line);
        continue;
      }
      if (!kind.startsWith("fault tolerance") && !line.message().endsWith(" " + order.orderId())) {
        problems.add("line of another order: " + line);
        continue;
      }
      counts.computeIfAbsent(order.requestId(), k -> new HashMap<>()).merge(kind, 1, Integer::sum);
    }
    assertThat(problems).isEmpty();
    for (OrderClient.Placed order : orders) {
      assertThat(counts.get(order.requestId()))
          .as("lines of %s", order)
          .containsOnly(
              Map.entry("attempt", WarehouseReservation.RETRIES + 1),
              Map.entry("fault tolerance: retrying", WarehouseReservation.RETRIES),
              Map.entry("fault tolerance: invoking fallback", 1),
              Map.entry("fallback", 1));
    }
    assertThat(log.withMessage(FollowUp.FALLBACK.logLine()))
        .as("the fallback's follow-up line, one per order, each with an order's ids")
        .hasSize(ORDERS)
        .allSatisfy(line -> assertThat(byRequestId).containsKey(line.requestId()));
  }

  /** What a line of the reservation strategy is, or null for any other line. */
  private static String kindOf(CapturedLog.Line line) {
    String message = line.message();
    if (message.startsWith("reservation attempt ")) {
      return "attempt";
    }
    if (message.startsWith("reservation queued ")) {
      return "fallback";
    }
    if (line.logger().startsWith("io.smallrye.faulttolerance")
        && message.contains(STRATEGY + " ")) {
      if (message.contains("invocation failed, retrying")) {
        return "fault tolerance: retrying";
      }
      if (message.contains("invocation failed, invoking fallback")) {
        return "fault tolerance: invoking fallback";
      }
      return "fault tolerance: " + message;
    }
    return null;
  }
}
