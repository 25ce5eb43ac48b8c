package dev.logctx.benchmarks;

import dev.logctx.kafka.ContextHeadersProducerInterceptor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
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
 * Kafka, producer side, per record: a record is made on a request thread whose MDC holds {@code
 * request_id} and {@code user_id} (and three more keys), and its headers get those two. The floor
 * makes the record only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KafkaProducerSideBenchmark {
  static final String TOPIC = "orders";

  private final ContextHeadersProducerInterceptor<String, String> interceptor =
      new ContextHeadersProducerInterceptor<>();

  @Setup(Level.Iteration)
  public void enterRequest() {
    KafkaFixture.enterRequest();
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    KafkaFixture.leaveRequest("kafka producer");
  }

  /** (a) Floor: the record alone. */
  @Benchmark
  public ProducerRecord<String, String> none() {
    return new ProducerRecord<>(TOPIC, "order");
  }

  /** (b) Hand-written: read the two keys, add a header for each present, unless already there. */
  @Benchmark
  public ProducerRecord<String, String> handWritten() {
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "order");
    Headers headers = record.headers();
    copy(headers, KafkaFixture.REQUEST_ID_KEY, KafkaFixture.REQUEST_ID_HEADER);
    copy(headers, KafkaFixture.USER_ID_KEY, KafkaFixture.USER_ID_HEADER);
    return record;
  }

  private static void copy(Headers headers, String key, String header) {
    @Nullable String value = MDC.get(key);
    if (value != null && headers.lastHeader(header) == null) {
      headers.add(header, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** (k) logctx-kafka: {@code ContextHeadersProducerInterceptor.onSend}, as the producer calls it. */
  @Benchmark
  public ProducerRecord<String, String> kafkaInterceptor() {
    return interceptor.onSend(new ProducerRecord<>(TOPIC, "order"));
  }
}
