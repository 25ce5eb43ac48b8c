package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Negative controls: the same 50 concurrent orders (16 in flight) against the packaged demo started
 * (a) with logctx-micronaut switched off ({@code -Dlogctx.micronaut.enabled=false}), and (b) with it
 * off and only Micronaut's own {@code MdcPropagationContext} added by a request filter, as
 * Micronaut's documentation shows. Each prints the failure rate of every line; the assertions say
 * which paths must fail, so a control that stopped failing breaks the build.
 */
class WithoutLogctxLosesTheIdIT {
  private static final int ORDERS = 50;
  private static final int IN_FLIGHT = 16;

  /**
   * The follow-ups that run where Micronaut re-applies its propagated context: its own executors,
   * which it instruments ({@code TaskExecutors.BLOCKING} and {@code IO}, directly, in a future
   * chain and under a Reactor pipeline), and Reactor's own schedulers ({@code boundedElastic},
   * {@code parallel}), whose tasks micronaut-reactor's schedule hook wraps.
   */
  private static final List<FollowUp> MICRONAUT_EXECUTOR_PATHS =
      List.of(
          FollowUp.BLOCKING_EXECUTOR,
          FollowUp.IO_EXECUTOR,
          FollowUp.FUTURE_CHAIN,
          FollowUp.REACTIVE,
          FollowUp.REACTOR_SCHEDULERS);

  @Test
  void with_logctx_micronaut_switched_off_micronaut_paths_should_lose_the_ids() throws Exception {
    try (DemoServer server = DemoServer.start("logctx.micronaut.enabled=false")) {
      Round round = Round.place(server, "off", "negative control (a): -Dlogctx.micronaut.enabled=false");

      // No request-id filter: no line has a request id. The user id that the controller put in
      // the MDC stays on the request thread: Micronaut's executors, Reactor's schedulers and the
      // @Async bean's pool run without it.
      round.forEachLine(
          (order, line) -> {
            assertThat(line.requestId()).as(line.raw()).isNull();
            if (isMicronautExecutorPath(line) || isAsyncBean(line)) {
              assertThat(line.userId()).as(line.raw()).isNull();
            }
          });
      round.assertMicronautPathsAndInventoryAlwaysFail();
    }
  }

  @Test
  void with_only_mdc_propagation_context_tasks_should_see_the_filter_time_mdc() throws Exception {
    try (DemoServer server =
        DemoServer.start(
            "logctx.micronaut.enabled=false", "demo.mdc-propagation-context.enabled=true")) {
      Round round = Round.place(server, "mpc", "negative control (b): MdcPropagationContext only");

      // The request id, put before the filter added MdcPropagationContext, reaches Micronaut's
      // executors and Reactor's schedulers (micronaut-reactor's schedule hook); the user id, put
      // by the controller afterwards, does not: the filter-time MDC.
      // The @Async bean's own pool is not Micronaut's: there the MDC is empty. Nothing forwards
      // the id to the inventory service.
      round.forEachLine(
          (order, line) -> {
            if (isMicronautExecutorPath(line)) {
              assertThat(line.requestId()).as(line.raw()).isEqualTo(order.requestId());
              assertThat(line.userId()).as(line.raw()).isNull();
            }
            if (isAsyncBean(line)) {
              assertThat(line.mdc()).as(line.raw()).isEmpty();
            }
          });
      round.assertMicronautPathsAndInventoryAlwaysFail();
    }
  }

  /** The orders of one control, their lines, and the failure rates it printed. */
  private record Round(
      List<OrderClient.Placed> orders, Map<String, List<LogLine>> lines, PathRates rates) {

    static Round place(DemoServer server, String tag, String title) throws Exception {
      String run = tag + "-" + Long.toString(System.nanoTime(), 36);
      List<OrderClient.Placed> orders =
          OrderClient.placeAll(
              server, ORDERS, IN_FLIGHT, i -> "req-" + run + "-" + i, i -> "user-" + run + "-" + i);
      Map<String, List<LogLine>> lines = OrderClient.awaitLinesOf(server, orders);
      PathRates rates = PathRates.of(orders, lines);
      System.out.print(rates.table(title));
      return new Round(orders, lines, rates);
    }

    void forEachLine(BiConsumer<OrderClient.Placed, LogLine> check) {
      for (OrderClient.Placed order : orders) {
        lines.get(order.orderId()).forEach(line -> check.accept(order, line));
      }
    }

    void assertMicronautPathsAndInventoryAlwaysFail() {
      for (FollowUp path : MICRONAUT_EXECUTOR_PATHS) {
        assertThat(rates.failureRate(path.logLine())).as(path.logLine()).isEqualTo(1.0);
      }
      assertThat(rates.failureRate(FollowUp.ASYNC_BEAN.logLine())).as("async bean").isEqualTo(1.0);
      assertThat(rates.failureRate(FollowUp.INVENTORY.logLine())).as("inventory").isEqualTo(1.0);
    }
  }

  private static boolean isAsyncBean(LogLine line) {
    return FollowUp.ASYNC_BEAN.logLine().equals(line.message());
  }

  private static boolean isMicronautExecutorPath(LogLine line) {
    return MICRONAUT_EXECUTOR_PATHS.stream().anyMatch(path -> path.logLine().equals(line.message()));
  }
}
