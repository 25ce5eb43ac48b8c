package dev.logctx.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose identity the application set itself: when it carries any of the configured
 * context headers, logctx adds none of the sending thread's, so the consumer never logs the
 * application's request id beside the sender's user id. Records go from a sending thread (a reused
 * single-thread pool, in a context of its own) through {@link ContextHeadersProducerInterceptor}
 * or {@link HeaderNames#addTo} to {@link RecordContext#run} on a poll thread, which logs.
 */
class ApplicationIdentityTest {

  private static final Logger log = LoggerFactory.getLogger(ApplicationIdentityTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofLoggers("dev.logctx.kafka");

  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
  private final ContextHeadersProducerInterceptor<String, String> interceptor =
      new ContextHeadersProducerInterceptor<>();

  @AfterEach
  void stop() throws InterruptedException {
    sender.shutdownNow();
    pollThread.shutdownNow();
    assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pollThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a_record_with_the_application_request_id_gets_no_user_id_of_the_sending_thread()
      throws Exception {
    Headers sent = sendThroughTheInterceptor(headers("X-Request-ID", "app-req"));
    consume(sent, "received 1");

    assertThat(logs.mdcOf("received 1"))
        .as("headers %s", sent)
        .containsEntry("request_id", "app-req")
        .doesNotContainKey("user_id");
    assertThat(sent.toArray()).hasSize(1);
  }

  @Test
  void a_record_with_the_application_user_id_gets_no_request_id_of_the_sending_thread()
      throws Exception {
    Headers sent = sendThroughTheInterceptor(headers("X-User-ID", "app-user"));
    consume(sent, "received 2");

    Map<String, String> mdc = logs.mdcOf("received 2");
    assertThat(mdc).as("headers %s", sent).containsEntry("user_id", "app-user");
    assertThat(mdc.get("request_id")).isNotNull().isNotEqualTo("req-sender"); // a fresh one
    assertThat(sent.lastHeader("X-Request-ID")).isNull();
  }

  @Test
  void add_to_leaves_a_record_with_any_context_header_of_the_application_alone()
      throws Exception {
    // what a framework captured where the application handed the message over
    LogContext atSend = LogContext.of(Map.of("request_id", "req-sender", "user_id", "alice"));
    Headers own = headers("X-Request-ID", "app-req");
    HeaderNames.defaults().addTo(own, atSend);
    Headers none = new RecordHeaders();
    HeaderNames.defaults().addTo(none, atSend);
    consume(own, "received 3");
    consume(none, "received 4");

    assertThat(logs.mdcOf("received 3"))
        .as("headers %s", own)
        .isEqualTo(Map.of("request_id", "app-req"));
    assertThat(logs.mdcOf("received 4"))
        .as("headers %s", none)
        .isEqualTo(Map.of("request_id", "req-sender", "user_id", "alice"));
  }

  @Test
  void control_a_record_without_context_headers_carries_both_ids_of_the_sending_thread()
      throws Exception {
    Headers sent = sendThroughTheInterceptor(headers("traceparent", "00-abc-def-01"));
    consume(sent, "received 5");

    assertThat(logs.mdcOf("received 5"))
        .isEqualTo(Map.of("request_id", "req-sender", "user_id", "alice"));
  }

  /**
   * Sends a record with {@code own} as its headers, from the sending thread in the context
   * {@code req-sender} / {@code alice}; returns the headers it went out with.
   */
  private Headers sendThroughTheInterceptor(Headers own) throws Exception {
    return sender
        .submit(
            () -> {
              try (Scope scope =
                  LogContext.of(Map.of("request_id", "req-sender", "user_id", "alice")).attach()) {
                return interceptor
                    .onSend(new ProducerRecord<String, String>("t", null, null, "v", own))
                    .headers();
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  /** Handles a record with {@code headers} on the poll thread, logging {@code message}. */
  private void consume(Headers headers, String message) throws Exception {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(
            "t", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, "k", "v", headers, Optional.empty());
    pollThread
        .submit(() -> RecordContext.run(record, () -> log.info(message)))
        .get(10, TimeUnit.SECONDS);
  }

  private static Headers headers(String name, String value) {
    return new RecordHeaders().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
