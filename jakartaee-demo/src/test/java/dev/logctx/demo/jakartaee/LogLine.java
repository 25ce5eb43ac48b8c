package dev.logctx.demo.jakartaee;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON log line of the demo, as logback's {@code JsonEncoder} wrote it.
 *
 * @param message the message
 * @param threadName the thread that logged it
 * @param loggerName the logger, empty when the line has none
 * @param requestId {@code mdc.request_id}, null when absent
 * @param userId {@code mdc.user_id}, null when absent
 * @param keyValues the key-value pairs of the event ({@code kvpList}), text values only
 * @param mdc the whole MDC of the line ({@code mdc}), text values only
 */
record LogLine(
    String message,
    String threadName,
    String loggerName,
    @Nullable String requestId,
    @Nullable String userId,
    Map<String, String> keyValues,
    Map<String, String> mdc) {

  /** Reads the fields of a parsed line; null if it is not a line of the demo's encoder. */
  static @Nullable LogLine of(JsonObject json) {
    if (!(json.get("message") instanceof JsonString message)
        || !(json.get("threadName") instanceof JsonString thread)) {
      return null;
    }
    JsonValue mdc = json.get("mdc");
    JsonObject entries = mdc instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    Map<String, String> keyValues = new LinkedHashMap<>();
    if (json.get("kvpList") instanceof JsonArray pairs) {
      for (JsonValue pair : pairs) {
        if (pair instanceof JsonObject object) {
          object.forEach(
              (key, value) -> {
                if (value instanceof JsonString text) {
                  keyValues.put(key, text.getString());
                }
              });
        }
      }
    }
    String logger = json.get("loggerName") instanceof JsonString name ? name.getString() : "";
    Map<String, String> mdcEntries = new LinkedHashMap<>();
    entries.forEach(
        (key, value) -> {
          if (value instanceof JsonString text) {
            mdcEntries.put(key, text.getString());
          }
        });
    return new LogLine(
        message.getString(),
        thread.getString(),
        logger,
        text(entries, "request_id"),
        text(entries, "user_id"),
        Map.copyOf(keyValues),
        Map.copyOf(mdcEntries));
  }

  /** The follow-up whose line this is, null for any other line. */
  @Nullable FollowUp followUp() {
    for (FollowUp followUp : FollowUp.values()) {
      if (followUp.logLine().equals(message)) {
        return followUp;
      }
    }
    return null;
  }

  private static @Nullable String text(JsonObject object, String key) {
    return object.get(key) instanceof JsonString value ? value.getString() : null;
  }
}
