package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * The negative control of {@link KafkaListenerRecordContextTest}: the same listeners with
 * logctx-micronaut's Kafka beans switched off ({@value LogctxMicronaut#KAFKA_ENABLED_PROPERTY}{@code
 * =false}), and logctx-kafka's producer interceptor named in the producer configuration by hand, so
 * every record does carry its sender's ids in its headers. The rest of logctx-micronaut stays on.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaListenerWithoutLogctxTest implements TestPropertyProvider {
  private static final int RECORDS = 200;
  private static final int FEW = 20;

  @Inject KafkaRecordListeners.Sender sender;

  private CapturedLog logs;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "kafka.bootstrap.servers", KafkaTestBroker.bootstrapServers(),
        KafkaTestBroker.LISTENERS_PROPERTY, "true",
        LogctxMicronaut.KAFKA_ENABLED_PROPERTY, "false",
        "kafka.producers.default.interceptor.classes",
            "dev.logctx.kafka.ContextHeadersProducerInterceptor");
  }

  @BeforeEach
  void capture() {
    MDC.clear();
    logs = CapturedLog.ofLoggers("dev.logctx").atDebug().install();
  }

  @AfterEach
  void release() {
    logs.close();
    MDC.clear();
  }

  @Test
  void without_the_kafka_beans_no_listener_line_carries_its_records_ids() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    KafkaRounds.send(sender, KafkaRecordListeners.RECORDS, run, RECORDS);
    KafkaRounds.send(sender, KafkaRecordListeners.EXECUTE_ON, run, FEW);
    KafkaRounds.send(sender, KafkaRecordListeners.REACTIVE, run, FEW);
    KafkaRounds.send(sender, KafkaRecordListeners.FAILING, run, FEW);

    KafkaRounds.Counts received = KafkaRounds.await(logs, "record received", run, RECORDS);
    KafkaRounds.Counts followUps = KafkaRounds.await(logs, "record follow-up", run, RECORDS);
    KafkaRounds.Counts executeOn = KafkaRounds.await(logs, "execute-on record received", run, FEW);
    KafkaRounds.Counts reactive = KafkaRounds.await(logs, "reactive record received", run, FEW);
    KafkaRounds.Counts handler = KafkaRounds.await(logs, "handler saw", run, FEW);
    System.out.println("without the Kafka beans, record received: " + received);
    System.out.println("without the Kafka beans, record follow-up: " + followUps);
    System.out.println("without the Kafka beans, @ExecuteOn listener: " + executeOn);
    System.out.println("without the Kafka beans, reactive listener: " + reactive);
    System.out.println("without the Kafka beans, the bean's own exception handler: " + handler);

    for (KafkaRounds.Counts counts : new KafkaRounds.Counts[] {received, followUps, executeOn, reactive, handler}) {
      assertThat(counts.own()).as(counts.toString()).isZero();
    }
  }
}
