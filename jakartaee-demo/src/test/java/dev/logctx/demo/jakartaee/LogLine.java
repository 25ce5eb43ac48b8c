package dev.logctx.demo.jakartaee;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One JSON log line of the demo, as logback's {@code JsonEncoder} wrote it.
 *
 * @param message the message
 * @param threadName the thread that logged it
 * @param requestId {@code mdc.request_id}, null when absent
 * @param userId {@code mdc.user_id}, null when absent
 */
record LogLine(
    String message, String threadName, @Nullable String requestId, @Nullable String userId) {

  /** Reads the fields of a parsed line; null if it is not a line of the demo's encoder. */
  static @Nullable LogLine of(JsonObject json) {
    if (!(json.get("message") instanceof JsonString message)
        || !(json.get("threadName") instanceof JsonString thread)) {
      return null;
    }
    JsonValue mdc = json.get("mdc");
    JsonObject entries = mdc instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    return new LogLine(
        message.getString(), thread.getString(), text(entries, "request_id"), text(entries, "user_id"));
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
