package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logctx.testsupport.TraceFigures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight), each sent with a {@code traceparent} of its own: every line of
 * every order — the request's, each follow-up's, the Fault Tolerance attempts' and fallback's, the
 * inventory endpoint's behind the REST Client call — carries that order's trace id under {@code
 * trace_id}, and under {@code span_id} the span that was current on the logging thread when it
 * was logged, a span of that trace that Quarkus finished (read from an in-memory exporter). Then one order without {@code traceparent} on the same, now well used,
 * pooled threads: its lines carry one fresh trace id, the same on all of them, and no trace id of
 * the round before.
 *
 * <p>Beside it the test prints what Quarkus's own keys ({@code traceId}, {@code spanId}, written
 * by Quarkus's context storage) carried on the same lines.
 */
@QuarkusTest
class TracedOrdersKeepTheirTraceTest extends WithCapturedLog {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  @Inject FinishedSpans spans;

  private final ExecutorService clients = clientPool(IN_FLIGHT);
  private LinesWithCurrentSpan traced;

  @BeforeEach
  void collectLines() {
    traced = LinesWithCurrentSpan.install();
  }

  @AfterEach
  void stopCollecting() {
    traced.close();
  }

  @Test
  void every_line_of_an_order_should_carry_its_trace_id_and_a_span_of_that_trace() throws Exception {
    spans.reset();
    String run = Long.toString(System.nanoTime(), 36);
    Map<String, String> traceByRequestId = new HashMap<>();
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String requestId = "tr-" + run + "-" + i;
      String traceparent = TraceFigures.newTraceparent();
      traceByRequestId.put(requestId, TraceFigures.traceIdOf(traceparent));
      String user = "tr-user-" + run + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(requestId, user, traceparent)));
    }
    List<OrderClient.Placed> orders = new ArrayList<>();
    for (Future<OrderClient.Placed> future : futures) {
      orders.add(future.get());
    }
    for (OrderClient.Placed order : orders) {
      OrderClient.awaitFollowUps(order.orderId());
    }
    Map<String, OrderClient.Placed> byRequestId = new HashMap<>();
    orders.forEach(order -> byRequestId.put(order.requestId(), order));
    List<LinesWithCurrentSpan.Line> lines = traced.lines(line -> byRequestId.containsKey(line.requestId()));
    awaitSpansOf(lines, "span_id");

    TraceFigures figures = figures(lines, byRequestId, traceByRequestId, "trace_id", "span_id");
    TraceFigures quarkusKeys = figures(lines, byRequestId, traceByRequestId, "traceId", "spanId");
    System.out.print(figures.table("trace_id / span_id, " + ORDERS + " traced orders"));
    System.out.print(quarkusKeys.table("Quarkus's own traceId / spanId on the same lines"));

    int perOrder = 1 + FollowUp.values().length + WarehouseReservation.RETRIES + 2;
    assertThat(lines).as("lines of the orders (at least)").hasSizeGreaterThanOrEqualTo(ORDERS * perOrder);
    assertThat(figures.problems()).as("lines without their own trace and span").isEmpty();

    // A probe without traceparent, after the round: a fresh trace, the same on each of its lines,
    // on pooled threads that just served the traced orders.
    OrderClient.Placed probe = OrderClient.place("probe-" + run, "probe-user-" + run, null);
    OrderClient.awaitFollowUps(probe.orderId());
    List<LinesWithCurrentSpan.Line> probeLines = traced.lines(line -> probe.requestId().equals(line.requestId()));
    assertThat(probeLines).hasSizeGreaterThanOrEqualTo(perOrder);
    Set<String> probeTraces = new HashSet<>();
    probeLines.forEach(line -> probeTraces.add(line.mdc().get("trace_id")));
    assertThat(probeTraces)
        .as("the probe's trace ids, line by line: %s", probeLines)
        .hasSize(1)
        .doesNotContainNull()
        .doesNotContainAnyElementsOf(traceByRequestId.values());
    String probeTrace = probeTraces.iterator().next();
    awaitSpansOf(probeLines, "span_id");
    TraceFigures probeFigures =
        new TraceFigures("trace_id", "span_id", Set.of(probeTrace), spans.spanIdsByTrace());
    probeLines.forEach(
        line ->
            probeFigures.add(
                pathOf(line, probe), probeTrace, line.mdc(), line.currentSpanId(), line.toString()));
    assertThat(probeFigures.problems()).as("probe lines without a span of its trace").isEmpty();
  }

  /** Waits (bounded) until the span of each line has been finished and exported. */
  private void awaitSpansOf(List<LinesWithCurrentSpan.Line> lines, String spanKey) {
    Set<String> wanted = new HashSet<>();
    lines.forEach(
        line -> {
          String span = line.mdc().get(spanKey);
          if (span != null) {
            wanted.add(span);
          }
        });
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
      // the figures then name each line whose span never finished
    }
  }

  private TraceFigures figures(
      List<LinesWithCurrentSpan.Line> lines,
      Map<String, OrderClient.Placed> byRequestId,
      Map<String, String> traceByRequestId,
      String traceKey,
      String spanKey) {
    TraceFigures figures =
        new TraceFigures(
            traceKey, spanKey, new HashSet<>(traceByRequestId.values()), spans.spanIdsByTrace());
    for (LinesWithCurrentSpan.Line line : lines) {
      OrderClient.Placed order = byRequestId.get(line.requestId());
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
}
