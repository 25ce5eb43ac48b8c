package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@code OrderServiceContract.traced_concurrent_orders_keep_their_trace} (run
 * with the module on Payara Micro 6 and 7): the EE 10 WAR without logctx-opentelemetry (the WAR's
 * own tracing alone) on Payara Micro 6.2025.10. The request's span is made, but nothing puts a
 * trace id into the MDC: no line of any path has one, nor the early filter's line; and the
 * inventory call, made on a managed executor's thread where no span is current, starts a trace of
 * its own: no order's trace reaches the inventory. Prints the figures and fails if they change.
 */
class Payara6WithoutLogctxOpentelemetryIT extends RunningServer {
  private static final int ORDERS = 30;

  @Override
  List<String> command(int port) {
    return payaraMicro(
        Jdks.currentJava(),
        System.getProperty("logctx.it.payara6"),
        System.getProperty("logctx.it.war-without-logctx-opentelemetry"),
        port);
  }

  @Override
  String name() {
    return "payara6-without-logctx-opentelemetry";
  }

  @Override
  Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  @Test
  void with_the_wars_tracing_alone_no_line_has_a_trace_id_and_the_inventory_starts_its_own_trace()
      throws Exception {
    TracedOrders round = TracedOrders.place(this, "alone", ORDERS);
    assertThat(round.figures().summary()).hasSize(orderMessages().size());
    assertThat(round.figures().summary().values())
        .as("trace_id on every path")
        .allSatisfy(outcomes -> assertThat(outcomes).matches("LOST=\\d+"));
    assertThat(round.tracesReachingTheInventory()).as("traces that reached the inventory").isZero();
    assertThat(round.earlyTraceIds()).as("trace_id of the early filter's lines").hasSizeGreaterThanOrEqualTo(ORDERS).containsOnlyNulls();
  }
}
