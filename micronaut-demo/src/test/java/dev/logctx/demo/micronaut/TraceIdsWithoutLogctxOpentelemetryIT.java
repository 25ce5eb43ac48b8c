package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.TraceFigures;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@link TracedOrdersKeepTheirTraceIT}: the same traced orders against the
 * demo jar built without logctx-opentelemetry, Micronaut tracing alone. Micronaut makes the spans
 * (each trace still reaches the inventory endpoint: its HTTP client forwards it), but nothing puts
 * a trace id into the MDC: every line of every path has none. It prints the figures and fails if
 * they change.
 */
class TraceIdsWithoutLogctxOpentelemetryIT {
  private static final int ORDERS = 30;

  @Test
  void with_micronaut_tracing_alone_no_line_carries_a_trace_id() throws Exception {
    try (DemoServer server =
        DemoServer.startJar("demo.jar.without-logctx-opentelemetry", "otel.traces.exporter=logging")) {
      TracedOrdersKeepTheirTraceIT.Round round =
          TracedOrdersKeepTheirTraceIT.Round.place(server, "alone", ORDERS);
      round.assertEachTraceReachedTheInventory(server);
      TraceFigures figures = round.figures(server);
      System.out.print(
          figures.table("micronaut-tracing alone: trace_id / span_id, " + ORDERS + " orders"));
      assertThat(figures.summary()).hasSize(OrderClient.ORDER_LINES.size());
      assertThat(figures.summary().values())
          .as("trace_id on every path")
          .allSatisfy(outcomes -> assertThat(outcomes).isEqualTo("LOST=" + ORDERS));
    }
  }
}
