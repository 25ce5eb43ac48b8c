package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logctx.testsupport.TraceFigures;
import dev.logctx.testsupport.TraceFigures.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@link TracedOrdersKeepTheirTraceTest}, run by the surefire execution {@code
 * without-logctx-carrier} in a JVM started with {@code -Dlogctx.context-carrier=none}: logctx's
 * handoffs carry the MDC alone, not the OpenTelemetry context. With Quarkus's storage provider
 * named (as the demo's tests do), OpenTelemetry never loads logctx-opentelemetry's provider either,
 * so its storage wrapper is never registered: the module is in effect absent, quarkus-opentelemetry
 * alone. Measured: no line of any path has a {@code trace_id}. The test fails if a line of the
 * paths that only logctx hands over (the named task, the default executor) is right.
 */
@QuarkusTest
class TraceIdsWithoutTheCarrierTest extends WithTracedLines {
  private static final int ORDERS = 30;
  private static final int IN_FLIGHT = 8;

  /** The paths that only logctx hands over, to threads of no framework. */
  private static final List<String> LOGCTX_ONLY_PATHS =
      List.of(FollowUp.TASK.logLine(), FollowUp.DEFAULT_EXECUTOR.logLine());

  private final ExecutorService clients = clientPool(IN_FLIGHT);

  @Test
  void without_the_carrier_no_line_of_logctx_only_paths_names_the_span_current_there()
      throws Exception {
    assumeTrue("none".equals(System.getProperty("logctx.context-carrier")), "runs in a JVM without the carrier");
    spans.reset();
    TracedRound round = TracedRound.place("nocarrier", ORDERS, clients, traced, spans);
    TraceFigures figures = round.figures("trace_id", "span_id");
    System.out.print(figures.table("logctx carrier off: trace_id / span_id, " + ORDERS + " orders"));
    for (String path : LOGCTX_ONLY_PATHS) {
      assertThat(figures.count(path, Outcome.OWN)).as("right lines of %s", path).isZero();
    }
  }
}
