package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logctx.testsupport.TraceFigures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight), each sent with a {@code traceparent} of its own: every line of
 * every order — the request's, each follow-up's, the Fault Tolerance attempts' and fallback's, the
 * inventory endpoint's behind the REST Client call — carries that order's trace id under {@code
 * trace_id}, and under {@code span_id} the span that was current on the logging thread when it
 * was logged, a span of that trace that Quarkus finished (read from an in-memory exporter). Then
 * one order without {@code traceparent} on the same, now well used, pooled threads: its lines carry
 * one fresh trace id, the same on all of them, and no trace id of the round before.
 *
 * <p>Beside it the test prints what Quarkus's own keys ({@code traceId}, {@code spanId}, written
 * by Quarkus's context storage) carried on the same lines.
 */
@QuarkusTest
class TracedOrdersKeepTheirTraceTest extends WithTracedLines {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  private final ExecutorService clients = clientPool(IN_FLIGHT);

  @Test
  void every_line_of_an_order_should_carry_its_trace_id_and_a_span_of_that_trace() throws Exception {
    assumeTrue(System.getProperty("logctx.context-carrier") == null, "runs in a JVM with the carrier");
    spans.reset();
    TracedRound round = TracedRound.place("tr", ORDERS, clients, traced, spans);
    TraceFigures figures = round.figures("trace_id", "span_id");
    TraceFigures quarkusKeys = round.figures("traceId", "spanId");
    System.out.print(figures.table("trace_id / span_id, " + ORDERS + " traced orders, Quarkus"));
    System.out.print(quarkusKeys.table("Quarkus's own traceId / spanId on the same lines"));

    assertThat(round.lines())
        .as("lines of the orders (at least)")
        .hasSizeGreaterThanOrEqualTo(ORDERS * TracedRound.linesPerOrder());
    assertThat(figures.problems()).as("lines without their own trace and span").isEmpty();

    // A probe without traceparent, after the round: a fresh trace, the same on each of its lines,
    // on pooled threads that just served the traced orders.
    String run = Long.toString(System.nanoTime(), 36);
    OrderClient.Placed probe = OrderClient.place("probe-" + run, "probe-user-" + run, null);
    OrderClient.awaitFollowUps(probe.orderId());
    List<LinesWithCurrentSpan.Line> probeLines =
        traced.lines(line -> probe.requestId().equals(line.requestId()));
    assertThat(probeLines).hasSizeGreaterThanOrEqualTo(TracedRound.linesPerOrder());
    Set<String> probeTraces = new HashSet<>();
    probeLines.forEach(line -> probeTraces.add(line.mdc().get("trace_id")));
    assertThat(probeTraces)
        .as("the probe's trace ids, line by line: %s", probeLines)
        .hasSize(1)
        .doesNotContainNull()
        .doesNotContainAnyElementsOf(round.traceByRequestId().values());
    String probeTrace = probeTraces.iterator().next();
    TracedRound.awaitSpansOf(probeLines, spans);
    TraceFigures probeFigures =
        new TraceFigures("trace_id", "span_id", Set.of(probeTrace), spans.spanIdsByTrace());
    probeLines.forEach(
        line ->
            probeFigures.add(
                TracedRound.pathOf(line, probe),
                probeTrace,
                line.mdc(),
                line.currentSpanId(),
                line.toString()));
    assertThat(probeFigures.problems()).as("probe lines without the span current at logging").isEmpty();
  }
}
