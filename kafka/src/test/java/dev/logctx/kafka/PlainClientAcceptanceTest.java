package dev.logctx.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import dev.logctx.kafka.broker.EmbeddedKafkaBroker;
import dev.logctx.testsupport.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A plain Kafka client against a real single-node broker in this JVM: records produced from
 * threads with distinct MDCs through the interceptor, consumed on one poll thread with {@link
 * RecordContext}, every log line checked; and the same paths without logctx-kafka.
 */
class PlainClientAcceptanceTest {
  private static final Logger log = LoggerFactory.getLogger(PlainClientAcceptanceTest.class);
  private static final int RECORDS = 1_000;
  private static final int SENDERS = 4;
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static EmbeddedKafkaBroker broker;

  @RegisterExtension final CapturedLog logs = CapturedLog.ofLoggers("dev.logctx.kafka");

  private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
  private final ExecutorService followUpThread = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
    System.out.println("embedded broker started in " + broker.startTime().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void stopThreads() {
    pollThread.shutdownNow();
    followUpThread.shutdownNow();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private static String requestIdOf(int i) {
    return "req-" + i;
  }

  private static String userIdOf(int i) {
    return i % 2 == 0 ? "alice" : "bob";
  }

  @Test
  void a_thousand_records_with_alternating_ids_log_only_their_own_ids_on_one_poll_thread()
      throws Exception {
    String topic = "orders-with-logctx";
    produceFromThreadsWithTheirOwnMdc(topic, true);

    ExecutorService followUps = ContextualExecutors.wrap(followUpThread);
    consume(
        topic,
        record ->
            RecordContext.run(
                record,
                () -> {
                  log.info("order event received {}", record.value());
                  followUps.execute(() -> log.info("follow-up {}", record.value()));
                }));
    logs.awaitLines(line -> line.message().startsWith("follow-up "), RECORDS, DEADLINE);

    Counts received = count("order event received ");
    Counts followedUp = count("follow-up ");
    System.out.println("with logctx-kafka: received " + received + ", follow-ups " + followedUp);
    assertThat(received.lines).isEqualTo(RECORDS);
    assertThat(followedUp.lines).isEqualTo(RECORDS);
    assertThat(received.wrongOrMissing()).as("received lines with a missing or foreign id").isZero();
    assertThat(followedUp.wrongOrMissing()).as("follow-ups with a missing or foreign id").isZero();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void without_the_interceptor_every_record_gets_a_fresh_id_and_loses_the_sender_ones()
      throws Exception {
    String topic = "orders-without-interceptor";
    produceFromThreadsWithTheirOwnMdc(topic, false);

    consume(
        topic,
        record -> RecordContext.run(record, () -> log.info("order event received {}", record.value())));

    Counts received = count("order event received ");
    System.out.println("without the interceptor: " + received);
    assertThat(received.lines).isEqualTo(RECORDS);
    assertThat(received.rightRequestId).as("lines with the sender's request id").isZero();
    assertThat(received.freshRequestId).as("lines with a fresh request id").isEqualTo(RECORDS);
    assertThat(received.rightUserId).as("lines with the sender's user id").isZero();
  }

  @Test
  void without_record_context_a_plain_poll_loop_logs_without_the_ids() throws Exception {
    String topic = "orders-without-record-context";
    produceFromThreadsWithTheirOwnMdc(topic, true);

    consume(
        topic,
        record -> {
          log.info("order event received {}", record.value());
          followUpThread.execute(() -> log.info("follow-up {}", record.value()));
        });
    logs.awaitLines(line -> line.message().startsWith("follow-up "), RECORDS, DEADLINE);

    Counts received = count("order event received ");
    Counts followedUp = count("follow-up ");
    System.out.println(
        "without RecordContext: received " + received + ", follow-ups " + followedUp);
    assertThat(received.rightRequestId + followedUp.rightRequestId)
        .as("lines with the sender's request id")
        .isZero();
    assertThat(received.missingRequestId).isEqualTo(RECORDS);
    assertThat(followedUp.missingRequestId).isEqualTo(RECORDS);
  }

  @Test
  void a_record_without_headers_gets_a_fresh_id_and_hostile_values_never_reach_a_line_raw()
      throws Exception {
    String topic = "orders-hostile";
    Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
    hostile.put("too long", "x".repeat(129).getBytes(StandardCharsets.US_ASCII));
    hostile.put("CR/LF", "evil\r\n{\"request_id\":\"forged\"}".getBytes(StandardCharsets.US_ASCII));
    hostile.put("control characters", "a\u0000b\u001b[31mred".getBytes(StandardCharsets.US_ASCII));
    hostile.put("not UTF-8", new byte[] {'i', 'd', (byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    hostile.put("empty", new byte[0]);
    hostile.put("huge", "H".repeat(200_000).getBytes(StandardCharsets.US_ASCII));

    Map<String, Object> config = producerConfig(false);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      sent.add(producer.send(new ProducerRecord<>(topic, "no headers")));
      hostile.forEach(
          (name, value) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add("X-Request-ID", value);
            headers.add("X-User-ID", value);
            sent.add(producer.send(new ProducerRecord<String, String>(topic, null, null, name, headers)));
          });
      for (Future<RecordMetadata> each : sent) {
        each.get(30, TimeUnit.SECONDS);
      }
    }

    consume(
        topic,
        1 + hostile.size(),
        record -> RecordContext.run(record, () -> log.info("order event received {}", record.value())));

    List<CapturedLog.Line> lines = logs.withMessagePrefix("order event received ");
    assertThat(lines).hasSize(1 + hostile.size());
    for (CapturedLog.Line line : lines) {
      assertThat(line.requestId()).as("request id of %s", line.message()).matches(UUID);
      assertThat(line.mdc()).as("MDC of %s", line.message()).containsOnlyKeys("request_id");
    }
    for (Map.Entry<String, byte[]> each : hostile.entrySet()) {
      String raw = new String(each.getValue(), StandardCharsets.ISO_8859_1);
      if (raw.isEmpty()) {
        continue;
      }
      for (CapturedLog.Line line : logs.lines()) {
        assertThat(line.formatted()).as("a line and the %s value", each.getKey()).doesNotContain(raw);
      }
    }
    assertThat(lines.stream().map(CapturedLog.Line::requestId).distinct()).hasSize(lines.size());
  }

  /** Each record i is sent from one of {@value #SENDERS} pooled threads whose MDC holds its ids. */
  private void produceFromThreadsWithTheirOwnMdc(String topic, boolean withInterceptor)
      throws Exception {
    List<ExecutorService> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(Executors.newSingleThreadExecutor());
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(withInterceptor))) {
      List<Future<Future<RecordMetadata>>> sends = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        int n = i;
        sends.add(
            senders
                .get(i % SENDERS)
                .submit(
                    () -> {
                      MDC.put("request_id", requestIdOf(n));
                      MDC.put("user_id", userIdOf(n));
                      try {
                        return producer.send(new ProducerRecord<>(topic, String.valueOf(n)));
                      } finally {
                        MDC.clear();
                      }
                    }));
      }
      for (Future<Future<RecordMetadata>> send : sends) {
        send.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
      }
    } finally {
      senders.forEach(ExecutorService::shutdownNow);
    }
  }

  private static Map<String, Object> producerConfig(boolean withInterceptor) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    if (withInterceptor) {
      config.put(
          ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, ContextHeadersProducerInterceptor.class.getName());
    }
    return config;
  }

  private void consume(String topic, Consumer<ConsumerRecord<String, String>> handler)
      throws Exception {
    consume(topic, RECORDS, handler);
  }

  /** Reads {@code count} records of the topic's one partition on the one poll thread. */
  private void consume(String topic, int count, Consumer<ConsumerRecord<String, String>> handler)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
    Future<Integer> done =
        pollThread.submit(
            () -> {
              int seen = 0;
              long deadline = System.nanoTime() + DEADLINE.toNanos();
              try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (seen < count && System.nanoTime() < deadline) {
                  for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.accept(record);
                    seen++;
                  }
                }
              }
              return seen;
            });
    assertThat(done.get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS)).isEqualTo(count);
  }

  private Counts count(String prefix) {
    Counts counts = new Counts();
    for (CapturedLog.Line line : logs.withMessagePrefix(prefix)) {
      int i = Integer.parseInt(line.message().substring(prefix.length()));
      counts.lines++;
      String requestId = line.requestId();
      if (requestId == null) {
        counts.missingRequestId++;
      } else if (requestId.equals(requestIdOf(i))) {
        counts.rightRequestId++;
      } else if (requestId.matches(UUID)) {
        counts.freshRequestId++;
      }
      if (userIdOf(i).equals(line.userId())) {
        counts.rightUserId++;
      }
    }
    return counts;
  }

  private static final class Counts {
    int lines;
    int rightRequestId;
    int rightUserId;
    int missingRequestId;
    int freshRequestId;

    int wrongOrMissing() {
      return (lines - rightRequestId) + (lines - rightUserId);
    }

    @Override
    public String toString() {
      return lines + " lines: " + rightRequestId + " with the sender's request_id, " + rightUserId
          + " with its user_id, " + freshRequestId + " with a fresh request_id, "
          + missingRequestId + " without request_id";
    }
  }
}
