package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.kafka.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo's {@code order-placed} records: the request publishes one per order through a
 * {@code @KafkaClient}, the demo's own {@code @KafkaListener} logs {@code order event received}
 * on its poll thread and hands {@code order event follow-up} to the BLOCKING executor. Under 100
 * concurrent orders (16 in flight), both lines of every order carry that order's request id and
 * user id. The demo started without {@code kafka.bootstrap.servers} runs its own embedded broker
 * and says so; started with it, it uses that broker.
 */
class OrderEventsKeepTheirIdsIT {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> EVENT_LINES =
      List.of(OrderEventListener.RECEIVED, OrderEventListener.FOLLOW_UP);

  @Test
  void every_order_event_line_and_its_follow_up_should_carry_the_orders_ids() throws Exception {
    DemoServer server = DemoServer.shared();
    assertThat(server.lines())
        .as("the demo says it started its own broker")
        .anySatisfy(
            line ->
                assertThat(line.message())
                    .startsWith("no kafka.bootstrap.servers configured: started an embedded"));
    String run = "kafka-" + Long.toString(System.nanoTime(), 36);

    List<OrderClient.Placed> orders =
        OrderClient.placeAll(
            server, ORDERS, IN_FLIGHT, i -> "req-" + run + "-" + i, i -> "user-" + run + "-" + i);
    Map<String, List<LogLine>> lines = awaitEventLines(server, orders);

    List<String> problems = problems(orders, lines);
    Map<String, Integer> own = new HashMap<>();
    lines.values().forEach(each -> each.forEach(line -> own.merge(line.message(), 1, Integer::sum)));
    System.out.printf(
        "order events, %d orders: lines with the order's ids %s; problems %d%n",
        ORDERS, own, problems.size());
    assertThat(problems).as("lines without their order's ids").isEmpty();
    Set<String> pollThreads = new HashSet<>();
    lines.values().forEach(
        each ->
            each.stream()
                .filter(line -> line.message().equals(OrderEventListener.RECEIVED))
                .forEach(line -> pollThreads.add(line.thread())));
    assertThat(pollThreads).as("one poll thread received every record").hasSize(1);
  }

  @Test
  void with_kafka_bootstrap_servers_configured_the_demo_should_use_that_broker() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        DemoServer server = DemoServer.start("kafka.bootstrap.servers=" + broker.bootstrapServers())) {
      assertThat(server.lines())
          .as("the demo says which broker it uses")
          .anySatisfy(
              line ->
                  assertThat(line.message())
                      .isEqualTo(
                          "using the Kafka broker at "
                              + broker.bootstrapServers()
                              + " (kafka.bootstrap.servers is configured)"))
          .noneSatisfy(line -> assertThat(line.message()).contains("started an embedded"));
      String run = "configured-" + Long.toString(System.nanoTime(), 36);
      List<OrderClient.Placed> orders =
          OrderClient.placeAll(
              server, 10, 4, i -> "req-" + run + "-" + i, i -> "user-" + run + "-" + i);
      assertThat(problems(orders, awaitEventLines(server, orders))).isEmpty();
    }
  }

  /** Waits for both event lines of every order, found by their {@code order_id}. */
  private static Map<String, List<LogLine>> awaitEventLines(
      DemoServer server, List<OrderClient.Placed> orders) {
    Set<String> orderIds = new HashSet<>();
    orders.forEach(order -> orderIds.add(order.orderId()));
    List<LogLine> found =
        server.awaitLines(
            line -> orderIds.contains(line.orderId()) && EVENT_LINES.contains(line.message()),
            orders.size() * EVENT_LINES.size(),
            TIMEOUT);
    Map<String, List<LogLine>> byOrder = new HashMap<>();
    orders.forEach(order -> byOrder.put(order.orderId(), new ArrayList<>()));
    found.forEach(line -> byOrder.get(line.orderId()).add(line));
    return byOrder;
  }

  private static List<String> problems(
      List<OrderClient.Placed> orders, Map<String, List<LogLine>> lines) {
    List<String> problems = new ArrayList<>();
    for (OrderClient.Placed order : orders) {
      List<LogLine> mine = lines.get(order.orderId());
      for (String message : EVENT_LINES) {
        long seen = mine.stream().filter(line -> line.message().equals(message)).count();
        if (seen != 1) {
          problems.add(order.orderId() + ": '" + message + "' seen " + seen + " times");
        }
      }
      for (LogLine line : mine) {
        if (!order.requestId().equals(line.requestId()) || !order.userId().equals(line.userId())) {
          problems.add(order.orderId() + " (" + order.requestId() + ", " + order.userId() + "): " + line.raw());
        }
      }
    }
    return problems;
  }
}
