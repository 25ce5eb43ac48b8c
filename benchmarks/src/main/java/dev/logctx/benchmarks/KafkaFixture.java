package dev.logctx.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** The request's MDC and the consumed record of the Kafka benchmarks, and their checks. */
final class KafkaFixture {
  static final String REQUEST_ID_KEY = "request_id";
  static final String USER_ID_KEY = "user_id";
  static final String REQUEST_ID_HEADER = "X-Request-ID";
  static final String USER_ID_HEADER = "X-User-ID";
  static final String REQUEST_ID = "3f1c9a52-7d4e-4b8a-9c0f-2e6d5b1a8c47";
  static final String USER_ID = "alice";

  /** request_id, user_id and three other keys, as a request thread holds them. */
  static final Map<String, String> REQUEST_MDC =
      Map.of(
          REQUEST_ID_KEY, REQUEST_ID,
          USER_ID_KEY, USER_ID,
          "k0", "value-0",
          "k1", "value-1",
          "k2", "value-2");

  private KafkaFixture() {}

  static void enterRequest() {
    MDC.setContextMap(REQUEST_MDC);
  }

  static void leaveRequest(String where) {
    try {
      @Nullable Map<String, String> now = MDC.getCopyOfContextMap();
      if (!REQUEST_MDC.equals(now)) {
        throw new IllegalStateException(where + ": the request thread's MDC changed: " + now);
      }
    } finally {
      MDC.clear();
    }
  }

  static void requireEmptyMdc(String where) {
    @Nullable Map<String, String> now = MDC.getCopyOfContextMap();
    if (now != null && !now.isEmpty()) {
      MDC.clear();
      throw new IllegalStateException(where + ": the poll thread kept " + now);
    }
  }

  static ConsumerRecord<String, String> consumedRecord() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REQUEST_ID_HEADER, REQUEST_ID.getBytes(StandardCharsets.UTF_8));
    headers.add(USER_ID_HEADER, USER_ID.getBytes(StandardCharsets.UTF_8));
    return KafkaConsumerSideBenchmark.recordWith(headers);
  }

  /** The record's handling: reads request_id from the MDC, as a log line would. */
  static final class Body implements Runnable {
    private @Nullable String seen;

    @Override
    public void run() {
      seen = MDC.get(REQUEST_ID_KEY);
    }

    @Nullable String take() {
      @Nullable String value = seen;
      seen = null;
      return value;
    }
  }
}
