package dev.logctx.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.ContextualExecutors;
import dev.logctx.LogContext;
import dev.logctx.testsupport.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RecordContextTest {
  private static final Logger log = LoggerFactory.getLogger(RecordContextTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofLoggers("dev.logctx.kafka");

  private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
  private final ExecutorService followUps = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop_and_check_the_test_thread() {
    pollThread.shutdownNow();
    followUps.shutdownNow();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void the_handling_logs_with_the_record_ids_and_the_poll_thread_gets_its_mdc_back()
      throws Exception {
    Map<String, String> after =
        onPollThread(
            () -> {
              MDC.put("poller", "p-1");
              MDC.put("request_id", "stale-from-earlier");
              RecordContext.run(
                  record(Map.of("X-Request-ID", "req-7", "X-User-ID", "alice")),
                  () -> log.info("handled"));
              Map<String, String> restored = MDC.getCopyOfContextMap();
              MDC.clear();
              return restored;
            });

    assertThat(logs.mdcOf("handled")).containsExactlyInAnyOrderEntriesOf(
        Map.of("request_id", "req-7", "user_id", "alice"));
    assertThat(after).containsExactlyInAnyOrderEntriesOf(
        Map.of("poller", "p-1", "request_id", "stale-from-earlier"));
  }

  @Test
  void the_mdc_is_restored_when_the_handling_throws_and_call_returns_the_result()
      throws Exception {
    Map<String, String> after =
        onPollThread(
            () -> {
              MDC.put("poller", "p-2");
              try {
                RecordContext.run(
                    record(Map.of("X-Request-ID", "req-8")),
                    () -> {
                      throw new IllegalStateException("handler failed");
                    });
              } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("handler failed");
              }
              String result =
                  RecordContext.call(
                      record(Map.of("X-Request-ID", "req-9")), () -> MDC.get("request_id"));
              assertThat(result).isEqualTo("req-9");
              Map<String, String> restored = MDC.getCopyOfContextMap();
              MDC.clear();
              return restored;
            });

    assertThat(after).containsExactly(Map.entry("poller", "p-2"));
  }

  @Test
  void work_handed_to_a_wrapped_pool_while_handling_carries_the_record_context()
      throws Exception {
    ExecutorService pool = ContextualExecutors.wrap(followUps);
    onPollThread(
        () -> {
          for (int i = 0; i < 3; i++) {
            String id = "req-" + i;
            Future<?> done =
                RecordContext.call(
                    record(Map.of("X-Request-ID", id, "X-User-ID", "u" + i)),
                    () -> pool.submit(() -> log.info("follow-up " + id)));
            done.get(10, TimeUnit.SECONDS);
          }
          return null;
        });

    for (int i = 0; i < 3; i++) {
      assertThat(logs.mdcOf("follow-up req-" + i))
          .containsExactlyInAnyOrderEntriesOf(Map.of("request_id", "req-" + i, "user_id", "u" + i));
    }
  }

  @Test
  void without_record_context_a_hand_off_from_a_plain_loop_loses_the_id() throws Exception {
    // negative control: the same loop, no RecordContext and no wrapped pool
    onPollThread(
        () -> {
          ConsumerRecord<String, String> record = record(Map.of("X-Request-ID", "req-lost"));
          log.info("handled without logctx-kafka");
          followUps.submit(() -> log.info("follow-up without logctx-kafka")).get(10, TimeUnit.SECONDS);
          return record;
        });

    assertThat(logs.mdcOf("handled without logctx-kafka")).doesNotContainKey("request_id");
    assertThat(logs.mdcOf("follow-up without logctx-kafka")).doesNotContainKey("request_id");
  }

  @Test
  void a_record_without_headers_gets_a_fresh_valid_request_id_and_no_user_id() {
    LogContext first = RecordContext.of(record(Map.of()));
    LogContext second = RecordContext.of(record(Map.of()));

    assertThat(first.asMap()).containsOnlyKeys("request_id");
    assertThat(first.get("request_id")).matches("[0-9a-f-]{36}");
    assertThat(second.get("request_id")).isNotEqualTo(first.get("request_id"));
  }

  @Test
  void hostile_values_are_replaced_or_dropped_never_kept() {
    byte[][] hostile = {
      "x".repeat(129).getBytes(StandardCharsets.US_ASCII), // too long for an id
      "evil\r\nrequest_id=forged".getBytes(StandardCharsets.US_ASCII), // CR/LF
      "a\u0000b\u001b[31m".getBytes(StandardCharsets.US_ASCII), // control characters
      {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'a'}, // not UTF-8
      {}, // empty
      new byte[1 << 20], // huge
    };
    for (byte[] value : hostile) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("X-Request-ID", value);
      headers.add("X-User-ID", value);
      LogContext context = RecordContext.of(headers, HeaderNames.defaults());

      assertThat(context.asMap()).as("context of %d hostile bytes", value.length)
          .containsOnlyKeys("request_id");
      assertThat(context.get("request_id")).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void the_request_id_follows_the_rule_of_the_http_edge() {
    String longest = "a".repeat(64);
    assertThat(RecordContext.requestIdOf(longest.getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(longest);
    assertThat(RecordContext.requestIdOf("Ab0._:-".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("Ab0._:-");
    for (String refused : new String[] {"a".repeat(65), "a b", "a@b", "a/b", "é"}) {
      assertThat(RecordContext.requestIdOf(refused.getBytes(StandardCharsets.UTF_8)))
          .as("id made for %s", refused)
          .matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void other_keys_are_bounded_in_length_and_characters() {
    assertThat(RecordContext.boundedValueOf("alice@example.com".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("alice@example.com");
    assertThat(RecordContext.boundedValueOf("a".repeat(128).getBytes(StandardCharsets.US_ASCII)))
        .hasSize(128);
    assertThat(RecordContext.boundedValueOf("a".repeat(129).getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(RecordContext.boundedValueOf("al ice".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(RecordContext.boundedValueOf("{\"x\"}".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
  }

  @Test
  void the_last_of_repeated_headers_counts() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("X-Request-ID", "first".getBytes(StandardCharsets.US_ASCII));
    headers.add("X-Request-ID", "second".getBytes(StandardCharsets.US_ASCII));

    assertThat(RecordContext.of(headers, HeaderNames.defaults()).get("request_id"))
        .isEqualTo("second");
  }

  @Test
  void a_configured_mapping_reads_its_own_headers() {
    HeaderNames names =
        HeaderNames.of(Map.of("request_id", "X-Correlation-ID", "tenant", "X-Tenant"));
    RecordHeaders headers = new RecordHeaders();
    headers.add("X-Correlation-ID", "corr-1".getBytes(StandardCharsets.US_ASCII));
    headers.add("X-Tenant", "acme".getBytes(StandardCharsets.US_ASCII));
    headers.add("X-Request-ID", "ignored".getBytes(StandardCharsets.US_ASCII));

    assertThat(RecordContext.of(headers, names).asMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("request_id", "corr-1", "tenant", "acme"));
  }

  @Test
  void null_arguments_fail_naming_them() {
    ConsumerRecord<String, String> record = record(Map.of());
    assertThatThrownBy(() -> RecordContext.run(null, () -> {})).hasMessage("record");
    assertThatThrownBy(() -> RecordContext.run(record, null)).hasMessage("task");
    assertThatThrownBy(() -> RecordContext.call(null, () -> 1)).hasMessage("record");
    assertThatThrownBy(() -> RecordContext.call(record, null)).hasMessage("task");
    assertThatThrownBy(() -> RecordContext.of((ConsumerRecord<?, ?>) null)).hasMessage("record");
    assertThatThrownBy(() -> RecordContext.of(record, null)).hasMessage("names");
    assertThatThrownBy(() -> RecordContext.of((org.apache.kafka.common.header.Headers) null, HeaderNames.defaults())).hasMessage("headers");
  }

  private <T> T onPollThread(java.util.concurrent.Callable<T> work) throws Exception {
    return pollThread.submit(work).get(10, TimeUnit.SECONDS);
  }

  static ConsumerRecord<String, String> record(Map<String, String> headerValues) {
    RecordHeaders headers = new RecordHeaders();
    headerValues.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    return new ConsumerRecord<>(
        "orders", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, "key", "value", headers,
        Optional.empty());
  }
}
