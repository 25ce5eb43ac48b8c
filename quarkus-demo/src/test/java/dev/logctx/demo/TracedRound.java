package dev.logctx.demo;

import static org.awaitility.Awaitility.await;

import dev.logctx.testsupport.TraceFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A round of orders placed at once, each with a {@code traceparent} of its own, and every line
 * they logged (with the span current at logging): what the traced tests read.
 *
 * @param orders the orders, by request id
 * @param traceByRequestId the trace id each order was sent with
 * @param lines every line that carries one of their request ids
 * @param spans the finished spans of the run
 */
record TracedRound(
    Map<String, OrderClient.Placed> orders,
    Map<String, String> traceByRequestId,
    List<LinesWithCurrentSpan.Line> lines,
    FinishedSpans spans) {

  /** Places {@code count} traced orders on {@code clients}, waits for their follow-ups and spans. */
  static TracedRound place(
      String tag, int count, ExecutorService clients, LinesWithCurrentSpan log, FinishedSpans spans)
      throws Exception {
    String run = tag + "-" + Long.toString(System.nanoTime(), 36);
    Map<String, String> traceByRequestId = new HashMap<>();
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String requestId = run + "-" + i;
      String traceparent = TraceFigures.newTraceparent();
      traceByRequestId.put(requestId, TraceFigures.traceIdOf(traceparent));
      String user = "user-" + run + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(requestId, user, traceparent)));
    }
    Map<String, OrderClient.Placed> orders = new HashMap<>();
    for (Future<OrderClient.Placed> future : futures) {
      OrderClient.Placed order = future.get();
      orders.put(order.requestId(), order);
    }
    for (OrderClient.Placed order : orders.values()) {
      OrderClient.awaitFollowUps(order.orderId());
    }
    List<LinesWithCurrentSpan.Line> lines = log.lines(line -> orders.containsKey(line.requestId()));
    awaitSpansOf(lines, spans);
    return new TracedRound(orders, traceByRequestId, lines, spans);
  }

  /** The lines each order logs at least: its request's, each follow-up's, the reservation's. */
  static int linesPerOrder() {
    return 1 + FollowUp.values().length + WarehouseReservation.RETRIES + 2;
  }

  /** What the round's lines carried under {@code traceKey} / {@code spanKey}. */
  TraceFigures figures(String traceKey, String spanKey) {
    TraceFigures figures =
        new TraceFigures(
            traceKey, spanKey, new HashSet<>(traceByRequestId.values()), spans.spanIdsByTrace());
    for (LinesWithCurrentSpan.Line line : lines) {
      OrderClient.Placed order = orders.get(line.requestId());
      figures.add(
          pathOf(line, order),
          traceByRequestId.get(order.requestId()),
          line.mdc(),
          line.currentSpanId(),
          line.toString());
    }
    return figures;
  }

  /** The path that logged {@code line}: its message without the order's id. */
  static String pathOf(LinesWithCurrentSpan.Line line, OrderClient.Placed order) {
    if (line.logger().startsWith("io.smallrye.faulttolerance")) {
      return "Fault Tolerance's own lines";
    }
    return line.message().replace(order.orderId(), "<order>");
  }

  /**
   * Waits (bounded) until the span named in each line's MDC (under either key set) has finished;
   * the figures then name each line whose span never did.
   */
  static void awaitSpansOf(List<LinesWithCurrentSpan.Line> lines, FinishedSpans spans) {
    Set<String> wanted = new HashSet<>();
    for (LinesWithCurrentSpan.Line line : lines) {
      for (String key : List.of("span_id", "spanId")) {
        String span = line.mdc().get(key);
        if (span != null) {
          wanted.add(span);
        }
      }
    }
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                Set<String> finished = new HashSet<>();
                spans.spanIdsByTrace().values().forEach(finished::addAll);
                return finished.containsAll(wanted);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the figures name the lines whose span never finished
    }
  }
}
