package dev.logctx.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ContextHeadersProducerInterceptorTest {

  private final ContextHeadersProducerInterceptor<String, String> interceptor =
      new ContextHeadersProducerInterceptor<>();

  @AfterEach
  void the_test_thread_mdc_is_empty() {
    MDC.clear();
  }

  @Test
  void on_send_writes_the_sending_thread_request_id_and_user_id_into_the_headers() {
    MDC.put("request_id", "req-1");
    MDC.put("user_id", "alice");
    MDC.put("other", "not carried");

    ProducerRecord<String, String> sent = interceptor.onSend(new ProducerRecord<>("t", "v"));

    assertThat(text(sent, "X-Request-ID")).isEqualTo("req-1");
    assertThat(text(sent, "X-User-ID")).isEqualTo("alice");
    assertThat(sent.headers().toArray()).hasSize(2);
  }

  @Test
  void a_key_absent_from_the_mdc_adds_no_header() {
    MDC.put("request_id", "req-2");

    ProducerRecord<String, String> sent = interceptor.onSend(new ProducerRecord<>("t", "v"));

    assertThat(sent.headers().lastHeader("X-User-ID")).isNull();
    assertThat(text(sent, "X-Request-ID")).isEqualTo("req-2");
  }

  @Test
  void a_header_the_application_set_itself_is_never_overwritten_nor_doubled() {
    MDC.put("request_id", "from-mdc");
    RecordHeaders headers = new RecordHeaders();
    headers.add("X-Request-ID", "set-by-app".getBytes(StandardCharsets.UTF_8));

    ProducerRecord<String, String> sent =
        interceptor.onSend(new ProducerRecord<String, String>("t", null, null, "v", headers));

    assertThat(sent.headers().headers("X-Request-ID")).hasSize(1);
    assertThat(text(sent, "X-Request-ID")).isEqualTo("set-by-app");
  }

  @Test
  void read_only_headers_never_make_send_throw() {
    MDC.put("request_id", "req-3");
    ProducerRecord<String, String> record = new ProducerRecord<>("t", "v");
    ((RecordHeaders) record.headers()).setReadOnly(); // as after a first send of the same record

    ProducerRecord<String, String> sent = interceptor.onSend(record);

    assertThat(sent).isSameAs(record);
    assertThat(sent.headers().toArray()).isEmpty();
  }

  @Test
  void configured_keys_and_headers_are_written() {
    interceptor.configure(
        Map.of(
            "logctx.kafka.keys", "request_id,tenant",
            "logctx.kafka.header.tenant", "X-Tenant"));
    MDC.put("request_id", "req-4");
    MDC.put("tenant", "acme");
    MDC.put("user_id", "bob");

    ProducerRecord<String, String> sent = interceptor.onSend(new ProducerRecord<>("t", "v"));

    assertThat(text(sent, "X-Request-ID")).isEqualTo("req-4");
    assertThat(text(sent, "X-Tenant")).isEqualTo("acme");
    assertThat(sent.headers().lastHeader("X-User-ID")).isNull();
  }

  @Test
  void an_empty_mdc_adds_nothing() {
    ProducerRecord<String, String> sent = interceptor.onSend(new ProducerRecord<>("t", "v"));

    assertThat(sent.headers().toArray()).isEmpty();
  }

  private static String text(ProducerRecord<?, ?> record, String header) {
    Header found = record.headers().lastHeader(header);
    assertThat(found).as("header %s", header).isNotNull();
    return new String(found.value(), StandardCharsets.UTF_8);
  }
}
