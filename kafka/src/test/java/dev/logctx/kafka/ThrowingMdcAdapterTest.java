package dev.logctx.kafka;

import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.CLEAR;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.READ;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.ThrowingMdcAdapter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * An MDC adapter that throws never fails a send or a record's handling (rule 7): the interceptor
 * hands the record back, {@code RecordContext} still runs the handling and returns its result,
 * whether the adapter throws a {@link RuntimeException}, an {@link Error} or a {@link
 * LinkageError}. Runs in a JVM of its own whose SLF4J provider wraps logback's adapter (surefire
 * execution {@code throwing-mdc-adapter}).
 */
@EnabledIfSystemProperty(named = "slf4j.provider", matches = ".*ThrowingMdcServiceProvider")
class ThrowingMdcAdapterTest {

  @BeforeEach
  void in_a_request() {
    assertThat(ThrowingMdcAdapter.installed()).as("SLF4J uses the throwing adapter").isTrue();
    MDC.put("request_id", "req-1");
  }

  @AfterEach
  void heal() {
    ThrowingMdcAdapter.heal();
    MDC.clear();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void the_interceptor_hands_the_record_back_when_the_mdc_cannot_be_read(Throwable failure) {
    ContextHeadersProducerInterceptor<String, String> interceptor =
        new ContextHeadersProducerInterceptor<>();
    ProducerRecord<String, String> record = new ProducerRecord<>("t", "v");

    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    ProducerRecord<String, String> sent = interceptor.onSend(record);
    ThrowingMdcAdapter.heal();

    assertThat(sent).isSameAs(record);
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void a_record_is_still_handled_and_its_result_returned(Throwable failure) throws Exception {
    AtomicBoolean ran = new AtomicBoolean();

    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    RecordContext.run(RecordContextTest.record(Map.of("X-Request-ID", "req-2")), () -> ran.set(true));
    String result =
        RecordContext.call(RecordContextTest.record(Map.of("X-Request-ID", "req-3")), () -> "done");
    ThrowingMdcAdapter.heal();

    assertThat(ran).isTrue();
    assertThat(result).isEqualTo("done");
  }
}
