package dev.logctx.benchmarks;

import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The request's MDC that every contender carries, and the checks that keep the benchmarks honest:
 * between operations the request thread still holds exactly its MDC and a pooled worker holds
 * none, as in production.
 */
final class MdcFixture {
  /** The key the work body reads. */
  static final String FIRST_KEY = "k0";

  private MdcFixture() {}

  /** {@code size} entries: {@code k0=value-0 ... k<size-1>=value-<size-1>}. */
  static Map<String, String> entries(int size) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      entries.put(key(i), "value-" + i);
    }
    return entries;
  }

  static String key(int index) {
    return "k" + index;
  }

  static String lastKey(int size) {
    return key(Math.max(0, size - 1));
  }

  /** The value the work body must see for {@code key} when the MDC of {@code size} is carried. */
  static @Nullable String expected(int size, String key) {
    return entries(size).get(key);
  }

  /** Makes the calling thread a request thread whose MDC holds {@code size} entries. */
  static void enterRequest(int size) {
    MDC.clear();
    entries(size).forEach(MDC::put);
  }

  /**
   * Fails unless the calling thread still holds exactly the request's MDC, then clears it.
   *
   * @param where names the scenario in the message
   */
  static void leaveRequest(int size, String where) {
    try {
      @Nullable Map<String, String> now = MDC.getCopyOfContextMap();
      boolean intact =
          size == 0 ? now == null || now.isEmpty() : entries(size).equals(now);
      if (!intact) {
        throw new IllegalStateException(
            where + ": the request thread's MDC changed, expected " + entries(size) + " but was " + now);
      }
    } finally {
      MDC.clear();
    }
  }

  /**
   * Fails unless the calling thread is a clean pooled thread: an empty MDC and the root OTel
   * context.
   */
  static void requireCleanWorker(String where) {
    @Nullable Map<String, String> now = MDC.getCopyOfContextMap();
    if (now != null && !now.isEmpty()) {
      throw new IllegalStateException(where + ": a pooled thread kept an MDC between tasks: " + now);
    }
    if (Context.current() != Context.root()) {
      throw new IllegalStateException(where + ": a pooled thread kept an OpenTelemetry context");
    }
  }
}
