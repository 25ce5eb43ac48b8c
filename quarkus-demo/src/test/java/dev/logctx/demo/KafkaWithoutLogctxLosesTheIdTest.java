package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Negative control of {@link KafkaRecordsKeepTheirIdsTest}: the same paths with
 * logctx-kafka-messaging switched off ({@code -Dlogctx.kafka.messaging.enabled=false}, the surefire
 * execution {@code without-kafka-messaging}) lose the ids. Counts are printed for docs/kafka.md.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaWithoutLogctxLosesTheIdTest extends WithCapturedLog {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Inject DemoKafka kafka;

  private final String run = Long.toString(System.nanoTime(), 36);

  @Test
  void without_the_integration_order_events_and_records_lose_their_ids() throws Exception {
    // only in the execution that switches the integration off (a -Dtest run selects it in both)
    assumeTrue("false".equals(System.getProperty("logctx.kafka.messaging.enabled")));
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    var clients = clientPool(16);
    for (int i = 0; i < 100; i++) {
      String id = "req-" + run + "-o" + i;
      String user = "user-" + run + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(id, user)));
    }
    List<String> orderIds = new ArrayList<>();
    for (Future<OrderClient.Placed> future : futures) {
      orderIds.add(future.get().orderId());
    }
    List<CapturedLog.Line> received =
        log.awaitLines(
            l -> l.message().startsWith(OrderEvents.RECEIVED + ": ord-")
                && orderIds.contains(l.message().substring(l.message().lastIndexOf(' ') + 1)),
            100,
            WAIT);
    List<CapturedLog.Line> followUps =
        log.awaitLines(
            l -> l.message().startsWith(OrderEvents.FOLLOW_UP + ": ord-")
                && orderIds.contains(l.message().substring(l.message().lastIndexOf(' ') + 1)),
            100,
            WAIT);

    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 1_000; i++) {
        String payload = "alt-" + run + "-" + i;
        ProducerRecord<String, String> record = new ProducerRecord<>("order-placed", payload, payload);
        record.headers().add("X-Request-ID", ("req-" + run + "-" + i).getBytes(StandardCharsets.UTF_8));
        record.headers().add("X-User-ID", (i % 2 == 0 ? "alice" : "bob").getBytes(StandardCharsets.UTF_8));
        producer.send(record);
      }
    }
    List<CapturedLog.Line> alternating =
        log.awaitLines(l -> l.message().startsWith(OrderEvents.RECEIVED + ": alt-" + run), 1_000, WAIT);

    long receivedWithId = received.stream().filter(l -> l.requestId() != null).count();
    long followUpsWithId = followUps.stream().filter(l -> l.requestId() != null).count();
    long alternatingWithId = alternating.stream().filter(l -> l.requestId() != null).count();
    System.out.printf(
        "without logctx-kafka-messaging: order event received with an id %d of %d, follow-ups %d of %d,"
            + " alternating records %d of %d%n",
        receivedWithId, received.size(), followUpsWithId, followUps.size(), alternatingWithId,
        alternating.size());
    assertThat(receivedWithId).isZero();
    assertThat(followUpsWithId).isZero();
    assertThat(alternatingWithId).isZero();
  }
}
