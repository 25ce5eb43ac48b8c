package dev.logctx.demo.micronaut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON line of the demo's stdout, as logback's {@code JsonEncoder} wrote it: the thread, the
 * logger, the message, the MDC ({@code "mdc"}) and the key-value pairs ({@code "kvpList"}, where
 * the demo puts {@code order_id}), plus the raw text.
 */
record LogLine(
    String thread,
    String logger,
    String message,
    Map<String, String> mdc,
    Map<String, String> keyValues,
    String raw) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The line parsed, or null when {@code raw} is not a JSON object. */
  static @Nullable LogLine parse(String raw) {
    JsonNode node;
    try {
      node = JSON.readTree(raw);
    } catch (java.io.IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> mdc = new LinkedHashMap<>();
    node.path("mdc").properties().forEach(e -> mdc.put(e.getKey(), e.getValue().asText()));
    Map<String, String> keyValues = new LinkedHashMap<>();
    for (JsonNode pair : node.path("kvpList")) {
      pair.properties().forEach(e -> keyValues.put(e.getKey(), e.getValue().asText()));
    }
    return new LogLine(
        node.path("threadName").asText(),
        node.path("loggerName").asText(),
        node.path("formattedMessage").asText(),
        Map.copyOf(mdc),
        Map.copyOf(keyValues),
        raw);
  }

  @Nullable String requestId() {
    return mdc.get("request_id");
  }

  @Nullable String userId() {
    return mdc.get("user_id");
  }

  /** The order this line is about ({@code order_id} key-value pair; independent of the MDC). */
  @Nullable String orderId() {
    return keyValues.get("order_id");
  }

  /** Whether {@code text} appears in the line: in its raw JSON text or in any decoded value. */
  boolean mentions(String text) {
    if (raw.contains(text) || message.contains(text) || thread.contains(text)) {
      return true;
    }
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      if (entry.getKey().contains(text) || entry.getValue().contains(text)) {
        return true;
      }
    }
    return keyValues.values().stream().anyMatch(value -> value.contains(text));
  }
}
