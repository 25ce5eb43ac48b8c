package dev.logctx.benchmarks;

import dev.logctx.kafka.RecordContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;

/**
 * Kafka, consumer side, per record: a poll thread whose MDC is empty handles one record whose
 * headers carry {@code X-Request-ID} and {@code X-User-ID}: the two values become its MDC while an
 * empty body (reading {@code request_id}) runs, and the thread's MDC is restored afterwards.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KafkaConsumerSideBenchmark {

  final ConsumerRecord<String, String> record = KafkaFixture.consumedRecord();
  final KafkaFixture.Body body = new KafkaFixture.Body();

  @Setup(Level.Iteration)
  public void enterPollThread() {
    MDC.clear();
  }

  @TearDown(Level.Iteration)
  public void leavePollThread() {
    KafkaFixture.requireEmptyMdc("kafka consumer");
  }

  /** (a) Floor: the body alone, without the record's context. */
  @Benchmark
  public @Nullable String none() {
    body.run();
    return body.take();
  }

  /**
   * (b) Hand-written: save the MDC, put each header's value (UTF-8, unchecked), run, restore
   * ({@code clear()} when there was none).
   */
  @Benchmark
  public @Nullable String handWritten() {
    @Nullable Map<String, String> previous = MDC.getCopyOfContextMap();
    put(KafkaFixture.REQUEST_ID_HEADER, KafkaFixture.REQUEST_ID_KEY);
    put(KafkaFixture.USER_ID_HEADER, KafkaFixture.USER_ID_KEY);
    try {
      body.run();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
    return body.take();
  }

  private void put(String header, String key) {
    @Nullable Header found = record.headers().lastHeader(header);
    if (found != null && found.value() != null) {
      MDC.put(key, new String(found.value(), StandardCharsets.UTF_8));
    }
  }

  /** (k) logctx-kafka: {@code RecordContext.run(record, body)}, validation included. */
  @Benchmark
  public @Nullable String recordContext() {
    RecordContext.run(record, body);
    return body.take();
  }

  static ConsumerRecord<String, String> recordWith(RecordHeaders headers) {
    return new ConsumerRecord<>(
        KafkaProducerSideBenchmark.TOPIC, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, "key",
        "order", headers, Optional.empty());
  }
}
