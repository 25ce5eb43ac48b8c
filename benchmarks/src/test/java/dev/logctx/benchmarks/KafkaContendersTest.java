package dev.logctx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The Kafka benchmarks measure what they claim: each producer contender but the floor writes the
 * request's two ids into the headers, each consumer contender but the floor runs its body with the
 * record's request id, and the threads keep their MDC.
 */
class KafkaContendersTest {

  @AfterEach
  void clean() {
    MDC.clear();
  }

  @Test
  void producer_contenders_write_the_ids_and_the_floor_does_not() {
    KafkaProducerSideBenchmark benchmark = new KafkaProducerSideBenchmark();
    benchmark.enterRequest();
    List<Supplier<ProducerRecord<String, String>>> writers =
        List.of(benchmark::handWritten, benchmark::kafkaInterceptor);
    for (Supplier<ProducerRecord<String, String>> writer : writers) {
      ProducerRecord<String, String> record = writer.get();
      assertThat(text(record, KafkaFixture.REQUEST_ID_HEADER)).isEqualTo(KafkaFixture.REQUEST_ID);
      assertThat(text(record, KafkaFixture.USER_ID_HEADER)).isEqualTo(KafkaFixture.USER_ID);
    }
    assertThat(benchmark.none().headers().toArray()).isEmpty();
    benchmark.leaveRequest();
  }

  @Test
  void consumer_contenders_run_the_body_with_the_record_id_and_the_floor_without() {
    KafkaConsumerSideBenchmark benchmark = new KafkaConsumerSideBenchmark();
    benchmark.enterPollThread();
    assertThat(benchmark.handWritten()).isEqualTo(KafkaFixture.REQUEST_ID);
    assertThat(benchmark.recordContext()).isEqualTo(KafkaFixture.REQUEST_ID);
    assertThat(benchmark.none()).isNull();
    benchmark.leavePollThread();
  }

  private static String text(ProducerRecord<?, ?> record, String header) {
    return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }
}
