package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.TraceFigures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight) against the packaged demo, each sent with a {@code traceparent}
 * of its own: every line of every order — the controller's, each follow-up's on Micronaut's
 * executors, Reactor's schedulers, the {@code @Async} bean's pool and logctx's helpers, and the
 * inventory endpoint's behind the HTTP client call — carries that order's trace id under {@code
 * trace_id} and under {@code span_id} a span of that trace that the demo finished (its logging
 * exporter, read from stderr). Then one order without {@code traceparent} on the same pooled
 * threads: one fresh trace id on all its lines, none of the round before.
 */
class TracedOrdersKeepTheirTraceIT {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  @Test
  void every_line_of_an_order_should_carry_its_trace_id_and_a_span_of_that_trace() throws Exception {
    try (DemoServer server = DemoServer.start("otel.traces.exporter=logging")) {
      Round round = Round.place(server, "tr", ORDERS);
      TraceFigures figures = round.figures(server);
      System.out.print(figures.table("trace_id / span_id, " + ORDERS + " traced orders, Micronaut"));
      assertThat(figures.problems()).as("lines without their own trace and span").isEmpty();
      round.assertEachTraceReachedTheInventory(server);

      OrderClient.Placed probe = OrderClient.place(server, null, "probe-user", null);
      List<LogLine> probeLines = OrderClient.awaitLinesOf(server, List.of(probe)).get(probe.orderId());
      Set<String> probeTraces = new HashSet<>();
      probeLines.forEach(line -> probeTraces.add(line.mdc().get("trace_id")));
      assertThat(probeTraces)
          .as("the probe's trace ids, line by line: %s", probeLines)
          .hasSize(1)
          .doesNotContainNull()
          .doesNotContainAnyElementsOf(round.traceByOrder().values());
      String probeTrace = probeTraces.iterator().next();
      TraceFigures probeFigures =
          new TraceFigures(
              "trace_id", "span_id", Set.of(probeTrace), FinishedSpans.awaitAll(server, spanIds(probeLines)));
      probeLines.forEach(line -> probeFigures.add(line.message(), probeTrace, line.mdc(), line.raw()));
      assertThat(probeFigures.problems()).as("probe lines without a span of its trace").isEmpty();
    }
  }

  /** The orders of one round, their lines, and the trace each was sent with. */
  record Round(
      List<OrderClient.Placed> orders,
      Map<String, List<LogLine>> linesByOrder,
      Map<String, String> traceByOrder) {

    static Round place(DemoServer server, String tag, int count) throws Exception {
      String run = tag + "-" + Long.toString(System.nanoTime(), 36);
      List<String> traceparents = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        traceparents.add(TraceFigures.newTraceparent());
      }
      List<OrderClient.Placed> orders =
          OrderClient.placeAll(
              server,
              count,
              IN_FLIGHT,
              i -> "req-" + run + "-" + i,
              i -> "user-" + run + "-" + i,
              traceparents::get);
      Map<String, String> traceByOrder = new HashMap<>();
      for (int i = 0; i < count; i++) {
        traceByOrder.put(orders.get(i).orderId(), TraceFigures.traceIdOf(traceparents.get(i)));
      }
      return new Round(orders, OrderClient.awaitLinesOf(server, orders), traceByOrder);
    }

    /**
     * The trace of each order has the server span of {@code POST /orders} and, because the HTTP
     * client forwarded the trace, the server span of the inventory endpoint it called.
     */
    void assertEachTraceReachedTheInventory(DemoServer server) {
      Map<String, Set<String>> names =
          FinishedSpans.namesIn(
              server.awaitStderr(
                  text -> {
                    Map<String, Set<String>> seen = FinishedSpans.namesIn(text);
                    return traceByOrder.values().stream()
                        .allMatch(trace -> seen.getOrDefault(trace, Set.of()).size() >= 2);
                  },
                  java.time.Duration.ofSeconds(30)));
      assertThat(traceByOrder.values())
          .allSatisfy(
              trace ->
                  assertThat(names.getOrDefault(trace, Set.of()))
                      .as("spans of trace %s", trace)
                      .anyMatch(name -> name.startsWith("POST /orders"))
                      .anyMatch(name -> name.contains("/inventory")));
    }

    /** What the lines carried, their spans read from the server's logging exporter. */
    TraceFigures figures(DemoServer server) {
      Set<String> wanted = new HashSet<>();
      linesByOrder.values().forEach(lines -> wanted.addAll(spanIds(lines)));
      TraceFigures figures =
          new TraceFigures(
              "trace_id",
              "span_id",
              new HashSet<>(traceByOrder.values()),
              FinishedSpans.awaitAll(server, wanted));
      linesByOrder.forEach(
          (orderId, lines) ->
              lines.forEach(
                  line ->
                      figures.add(line.message(), traceByOrder.get(orderId), line.mdc(), line.raw())));
      return figures;
    }
  }

  static Set<String> spanIds(List<LogLine> lines) {
    Set<String> ids = new HashSet<>();
    lines.forEach(
        line -> {
          String span = line.mdc().get("span_id");
          if (span != null) {
            ids.add(span);
          }
        });
    return ids;
  }
}
