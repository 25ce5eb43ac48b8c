package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's Kafka paths on its embedded broker, with logctx-kafka-messaging and no logctx code in
 * the application: the record an order publishes carries the order's ids, and every consumer shape
 * of SmallRye Reactive Messaging logs with the ids of the record it handles.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaRecordsKeepTheirIdsTest extends WithCapturedLog {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Inject DemoKafka kafka;

  private KafkaProducer<String, String> producer;
  private final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void producer() {
    // not in the execution that switches the integration off (a -Dtest run selects it there too)
    assumeFalse("false".equals(System.getProperty("logctx.kafka.messaging.enabled")));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  @AfterEach
  void closeProducer() {
    if (producer != null) {
      producer.close();
    }
  }

  @Test
  void every_order_event_and_its_follow_up_carry_the_orders_ids_under_100_concurrent_orders()
      throws Exception {
    ExecutorService clients = clientPool(16);
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = "req-" + run + "-" + i;
      String user = "user-" + run + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(id, user)));
    }
    Map<String, OrderClient.Placed> byOrder = new HashMap<>();
    for (Future<OrderClient.Placed> future : futures) {
      OrderClient.Placed placed = future.get();
      byOrder.put(placed.orderId(), placed);
    }
    Predicate<CapturedLog.Line> ours =
        line -> byOrder.containsKey(payloadOf(line.message()));
    List<CapturedLog.Line> received =
        log.awaitLines(ours.and(line -> line.message().startsWith(OrderEvents.RECEIVED)), 100, WAIT);
    List<CapturedLog.Line> followUps =
        log.awaitLines(ours.and(line -> line.message().startsWith(OrderEvents.FOLLOW_UP)), 100, WAIT);
    List<CapturedLog.Line> published =
        log.awaitLines(ours.and(line -> line.message().startsWith("order event published")), 100, WAIT);

    for (List<CapturedLog.Line> lines : List.of(received, followUps, published)) {
      assertThat(lines).hasSize(100);
      assertThat(lines)
          .allSatisfy(
              line -> {
                OrderClient.Placed order = byOrder.get(payloadOf(line.message()));
                assertThat(line.requestId()).as(line.toString()).isEqualTo(order.requestId());
                assertThat(line.userId()).as(line.toString()).isEqualTo(order.userId());
              });
    }
  }

  @Test
  void a_thousand_records_with_alternating_ids_on_one_poll_thread_keep_their_own_ids()
      throws Exception {
    int records = 1_000;
    for (int i = 0; i < records; i++) {
      send("order-placed", "alt-" + run + "-" + i, "req-" + run + "-" + i, i % 2 == 0 ? "alice" : "bob");
    }
    producer.flush();
    String prefix = OrderEvents.RECEIVED + ": alt-" + run + "-";
    String followUpPrefix = OrderEvents.FOLLOW_UP + ": alt-" + run + "-";
    List<CapturedLog.Line> received =
        log.awaitLines(line -> line.message().startsWith(prefix), records, WAIT);
    List<CapturedLog.Line> followUps =
        log.awaitLines(line -> line.message().startsWith(followUpPrefix), records, WAIT);

    assertThat(received).extracting(CapturedLog.Line::thread).isNotEmpty();
    assertThat(problems(received, prefix)).as("received lines with a missing or foreign id").isEmpty();
    assertThat(problems(followUps, followUpPrefix))
        .as("follow-up lines with a missing or foreign id")
        .isEmpty();
  }

  @Test
  void a_record_without_headers_gets_a_fresh_id_and_hostile_headers_never_reach_a_line() throws Exception {
    String bare = "bare-" + run;
    producer.send(new ProducerRecord<>("order-placed", bare, bare)).get();
    List<String> hostile =
        List.of(
            "x".repeat(129),
            "req-1\r\n{\"request_id\":\"forged\"}",
            "nul\u0000esc\u001b",
            "\u00e9t\u00e9-" + run,
            "${jndi:ldap://x/" + run + "}",
            "y".repeat(200_000));
    for (int i = 0; i < hostile.size(); i++) {
      String payload = "hostile-" + run + "-" + i;
      ProducerRecord<String, String> record = new ProducerRecord<>("order-placed", payload, payload);
      record.headers().add("X-Request-ID", hostile.get(i).getBytes(StandardCharsets.UTF_8));
      record.headers().add("X-User-ID", hostile.get(i).getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
    CapturedLog.Line line = log.awaitLines(l -> l.message().equals(OrderEvents.RECEIVED + ": " + bare), 1, WAIT).get(0);
    assertThat(line.requestId()).matches("[0-9a-f-]{36}");
    assertThat(line.userId()).isNull();

    List<CapturedLog.Line> hostileLines =
        log.awaitLines(
            l -> l.message().startsWith(OrderEvents.RECEIVED + ": hostile-" + run), hostile.size(), WAIT);
    assertThat(hostileLines)
        .allSatisfy(
            l -> {
              assertThat(l.requestId()).matches("[0-9a-f-]{36}");
              assertThat(l.userId()).isNull();
            });
    assertThat(log.lines())
        .as("lines that show a hostile value")
        .noneMatch(l -> hostile.stream().anyMatch(value -> l.mentions(value) || l.mentions(value.substring(0, 5) + "\r")));
  }

  @Test
  void uni_completion_stage_processor_and_dead_letter_paths_log_with_each_records_ids()
      throws Exception {
    int records = 20;
    for (int i = 0; i < records; i++) {
      String payload = (i % 5 == 4 ? MessagingPaths.POISON : "path") + "-" + run + "-" + i;
      send("paths", payload, "req-" + run + "-" + i, i % 2 == 0 ? "alice" : "bob");
    }
    producer.flush();
    for (String path : List.of("uni", "stage", "processor", "processed", "failing")) {
      String prefix = "path " + path + ": ";
      List<CapturedLog.Line> lines =
          log.awaitLines(
              l -> l.message().startsWith(prefix) && l.message().contains("-" + run + "-"), records, WAIT);
      assertThat(problems(lines, prefix)).as("path %s", path).isEmpty();
    }
    // SmallRye's own line for each record sent to the dead-letter topic: logged on the channel's
    // root context after the nack, it carries no id (measured; never another record's)
    List<CapturedLog.Line> deadLetters =
        log.awaitLines(
            l -> l.logger().startsWith("io.smallrye.reactive.messaging") && l.message().contains("dead letter")
                && l.message().contains("path-failing"),
            records / 5,
            WAIT);
    assertThat(deadLetters)
        .allSatisfy(l -> assertThat(l.requestId()).as(l.toString()).isNull());
  }

  private void send(String topic, String payload, String requestId, String userId) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, payload, payload);
    record.headers().add("X-Request-ID", requestId.getBytes(StandardCharsets.UTF_8));
    record.headers().add("X-User-ID", userId.getBytes(StandardCharsets.UTF_8));
    producer.send(record);
  }

  /** Lines whose ids are not those their payload's index was sent with. */
  private List<String> problems(List<CapturedLog.Line> lines, String prefix) {
    List<String> problems = new ArrayList<>();
    for (CapturedLog.Line line : lines) {
      String payload = line.message().substring(prefix.length());
      int i = Integer.parseInt(payload.substring(payload.lastIndexOf('-') + 1));
      String expectedUser = i % 2 == 0 ? "alice" : "bob";
      if (!("req-" + run + "-" + i).equals(line.requestId()) || !expectedUser.equals(line.userId())) {
        problems.add(line.toString());
      }
    }
    return problems;
  }

  private static String payloadOf(String message) {
    return message.substring(message.lastIndexOf(' ') + 1);
  }
}
