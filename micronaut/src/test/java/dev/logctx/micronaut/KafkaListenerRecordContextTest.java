package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * micronaut-kafka on a real single-node broker in the test JVM, with logctx-micronaut and no
 * logctx code in the listeners: records sent by a {@code @KafkaClient} from threads with their
 * own MDC, consumed by {@code @KafkaListener} beans that log, hand work to an executor bean,
 * return a {@code Mono}, run under {@code @ExecuteOn}, or fail into an exception handler.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaListenerRecordContextTest implements TestPropertyProvider {
  private static final int RECORDS = 1_000;
  private static final int FEW = 20;
  private static final String UUID =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Inject KafkaRecordListeners.Sender sender;

  private CapturedLog logs;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "kafka.bootstrap.servers", KafkaTestBroker.bootstrapServers(),
        KafkaTestBroker.LISTENERS_PROPERTY, "true");
  }

  @BeforeEach
  void capture() {
    MDC.clear();
    logs =
        CapturedLog.ofLoggers("dev.logctx", "io.micronaut.configuration.kafka.exceptions")
            .atDebug()
            .install();
  }

  @AfterEach
  void release() {
    logs.close();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void each_of_1000_records_on_one_poll_thread_logs_with_its_own_ids_and_so_does_its_follow_up()
      throws Exception {
    String run = run();
    KafkaRounds.send(sender, KafkaRecordListeners.RECORDS, run, RECORDS);

    KafkaRounds.Counts received = KafkaRounds.await(logs, "record received", run, RECORDS);
    KafkaRounds.Counts followUps = KafkaRounds.await(logs, "record follow-up", run, RECORDS);
    System.out.println("with logctx-micronaut, record received: " + received);
    System.out.println("with logctx-micronaut, record follow-up: " + followUps);

    assertThat(received.own()).as(received.toString()).isEqualTo(RECORDS);
    assertThat(followUps.own()).as(followUps.toString()).isEqualTo(RECORDS);
    assertThat(threadsOf("record received " + KafkaRounds.keyPrefix(run)))
        .as("one poll thread")
        .hasSize(1);
    assertThat(threadsOf("record follow-up " + KafkaRounds.keyPrefix(run)))
        .as("one reused pool thread")
        .containsExactly("kafka-follow-up");
  }

  @Test
  void a_record_without_headers_gets_a_fresh_id_and_hostile_values_never_reach_a_line_raw()
      throws Exception {
    String run = run();
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put("129 characters", "r".repeat(129).getBytes(StandardCharsets.US_ASCII));
    hostile.put("a forged line", "ok\n{\"request_id\":\"forged\"}".getBytes(StandardCharsets.US_ASCII));
    hostile.put("lookup", "${jndi:ldap://evil/x}".getBytes(StandardCharsets.US_ASCII));
    hostile.put("NUL and ESC", "n\u0000\u001b[2Jx".getBytes(StandardCharsets.US_ASCII));
    hostile.put("invalid UTF-8", new byte[] {'u', (byte) 0xE2, (byte) 0x28, (byte) 0xA1});
    hostile.put("100 KB", "Z".repeat(100_000).getBytes(StandardCharsets.US_ASCII));

    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(KafkaRecordListeners.RECORDS, KafkaRounds.key(run, 0), "v"))
          .get();
      int n = 1;
      for (byte[] value : hostile.values()) {
        ProducerRecord<String, String> record =
            new ProducerRecord<>(KafkaRecordListeners.RECORDS, KafkaRounds.key(run, n++), "v");
        record.headers().add("X-Request-ID", value).add("X-User-ID", value);
        producer.send(record).get();
      }
    }

    String prefix = "record received " + KafkaRounds.keyPrefix(run);
    List<CapturedLog.Line> lines =
        logs.awaitLines(
            line -> line.message().startsWith(prefix), 1 + hostile.size(), KafkaRounds.DEADLINE);
    assertThat(lines).hasSize(1 + hostile.size());
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.requestId()).as(line.toString()).matches(UUID))
        .allSatisfy(line -> assertThat(line.userId()).as(line.toString()).isNull());
    assertThat(lines.stream().map(CapturedLog.Line::requestId).distinct()).hasSize(lines.size());
    List<CapturedLog.Line> all = logs.lines();
    for (Map.Entry<String, byte[]> each : hostile.entrySet()) {
      String raw = new String(each.getValue(), StandardCharsets.ISO_8859_1);
      String decoded = new String(each.getValue(), StandardCharsets.UTF_8);
      assertThat(all)
          .as(each.getKey())
          .noneMatch(line -> line.mentions(raw) || line.mentions(decoded));
    }
    assertThat(all).noneMatch(line -> line.mentions("forged") || line.mentions("jndi"));
  }

  @Test
  void an_execute_on_listener_a_reactive_one_and_both_exception_handlers_log_with_the_records_ids()
      throws Exception {
    String run = run();
    KafkaRounds.send(sender, KafkaRecordListeners.EXECUTE_ON, run, FEW);
    KafkaRounds.send(sender, KafkaRecordListeners.REACTIVE, run, FEW);
    KafkaRounds.send(sender, KafkaRecordListeners.FAILING, run, FEW);
    KafkaRounds.send(sender, KafkaRecordListeners.FAILING_DEFAULT_HANDLER, run, FEW);

    KafkaRounds.Counts executeOn = KafkaRounds.await(logs, "execute-on record received", run, FEW);
    KafkaRounds.Counts reactive = KafkaRounds.await(logs, "reactive record received", run, FEW);
    KafkaRounds.Counts handler = KafkaRounds.await(logs, "handler saw", run, FEW);
    System.out.println("with logctx-micronaut, @ExecuteOn listener: " + executeOn);
    System.out.println("with logctx-micronaut, reactive listener: " + reactive);
    System.out.println("with logctx-micronaut, the bean's own exception handler: " + handler);
    assertThat(executeOn.own()).as(executeOn.toString()).isEqualTo(FEW);
    System.out.println(
        "the @ExecuteOn listener ran on "
            + threadsOf("execute-on record received " + KafkaRounds.keyPrefix(run)));
    assertThat(reactive.own()).as(reactive.toString()).isEqualTo(FEW);
    assertThat(handler.own()).as(handler.toString()).isEqualTo(FEW);

    String defaultLogger = "io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler";
    List<CapturedLog.Line> defaultLines =
        logs.awaitLines(
            line ->
                line.logger().equals(defaultLogger)
                    && line.message().contains(KafkaRecordListeners.FAILING_DEFAULT_HANDLER)
                    && line.message().contains(KafkaRounds.keyPrefix(run)),
            FEW,
            KafkaRounds.DEADLINE);
    int own = 0;
    for (int n = 0; n < FEW; n++) {
      String key = "key = " + KafkaRounds.key(run, n) + ",";
      String requestId = KafkaRounds.requestId(run, n);
      String userId = KafkaRounds.userId(n);
      own +=
          (int)
              defaultLines.stream()
                  .filter(line -> line.message().contains(key))
                  .filter(line -> requestId.equals(line.requestId()) && userId.equals(line.userId()))
                  .count();
    }
    System.out.println(
        "with logctx-micronaut, micronaut-kafka's default exception handler: "
            + own + " of " + FEW + " lines with their record's ids");
    assertThat(own).isEqualTo(FEW);
  }

  private Set<String> threadsOf(String prefix) {
    return logs.lines(line -> line.message().startsWith(prefix)).stream()
        .map(CapturedLog.Line::thread)
        .collect(Collectors.toSet());
  }

  private static String run() {
    return Long.toString(System.nanoTime(), 36);
  }
}
