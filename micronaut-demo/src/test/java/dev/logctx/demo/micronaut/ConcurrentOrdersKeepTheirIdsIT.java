package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight) against the packaged demo: every line of every order — the
 * controller's, the {@code @Async} bean's (its own pool), the BLOCKING and IO executors', the future
 * chain's, the Reactor pipelines' (on the application's executors, and on Reactor's {@code
 * boundedElastic} and {@code parallel} schedulers), logctx's helpers', the inventory endpoint's —
 * carries that order's request id and user id, exactly once per path, on pooled threads that served
 * other orders before (Reactor's {@code parallel} threads among them). Then a
 * second round without {@code X-Request-ID}: generated ids, echoed, and no line shows an id of round
 * one.
 */
class ConcurrentOrdersKeepTheirIdsIT {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  @Test
  void every_line_of_an_order_should_carry_its_own_request_id_and_user_id() throws Exception {
    DemoServer server = DemoServer.shared();
    String run = Long.toString(System.nanoTime(), 36);

    List<OrderClient.Placed> first =
        OrderClient.placeAll(
            server, ORDERS, IN_FLIGHT, i -> "req-" + run + "-" + i, i -> "user-" + run + "-a-" + i);
    Map<String, List<LogLine>> firstLines = OrderClient.awaitLinesOf(server, first);
    assertThat(OrderClient.problems(first, firstLines)).as("problems of round one").isEmpty();
    assertThreadsServedSeveralOrders(firstLines);

    int roundTwoStart = server.lines().size();
    Set<String> firstIds = new HashSet<>();
    first.forEach(order -> firstIds.add(order.requestId()));

    List<OrderClient.Placed> second =
        OrderClient.placeAll(server, ORDERS, IN_FLIGHT, i -> null, i -> "user-" + run + "-b-" + i);
    assertThat(second)
        .extracting(OrderClient.Placed::requestId)
        .as("generated ids, echoed")
        .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._:-]{8,64}"))
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(firstIds);
    Map<String, List<LogLine>> secondLines = OrderClient.awaitLinesOf(server, second);
    assertThat(OrderClient.problems(second, secondLines)).as("problems of round two").isEmpty();
    assertThat(server.linesFrom(roundTwoStart))
        .as("no line after round one shows an id of round one")
        .noneMatch(line -> firstIds.contains(line.requestId()));
    assertThat(server.otherOutput()).as("stdout holds JSON lines only").isEmpty();
  }

  /** The follow-ups ran on pooled threads that also ran another order's work (leaks would show). */
  private static void assertThreadsServedSeveralOrders(Map<String, List<LogLine>> linesByOrder) {
    Map<String, Set<String>> ordersByThread = new HashMap<>();
    linesByOrder.forEach(
        (orderId, lines) ->
            lines.forEach(
                line ->
                    ordersByThread
                        .computeIfAbsent(line.thread(), t -> new HashSet<>())
                        .add(orderId)));
    assertThat(ordersByThread)
        .as("pooled threads that served more than one order")
        .anySatisfy((thread, orders) -> assertThat(orders).hasSizeGreaterThan(1));
    long reused =
        ordersByThread.entrySet().stream()
            .filter(entry -> entry.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .filter(thread -> thread.startsWith("io-executor-thread-") || thread.startsWith("notifications-"))
            .count();
    assertThat(reused).as("executor threads (IO, the @Async pool) reused across orders").isPositive();
    assertThat(ordersByThread)
        .as("Reactor's parallel threads reused across orders")
        .anySatisfy(
            (thread, orders) -> {
              assertThat(thread).startsWith("parallel-");
              assertThat(orders).hasSizeGreaterThan(1);
            });
  }
}
