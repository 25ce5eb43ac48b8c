package dev.logctx;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.spi.MDCAdapter;

/**
 * Fast path for logback: capture without copying. Logback keeps, per thread, a read-only copy of
 * the MDC ({@link LogbackMDCAdapter#getPropertyMap()}) that it builds once after a write and
 * replaces (never mutates) on the next one; its log events carry that same map. Capturing an
 * unchanged MDC is therefore one thread-local read, and "the thread still holds the map it held"
 * is an identity check.
 *
 * <p>Loaded only when logback is the SLF4J binding (see {@link MdcAccess}).
 */
final class LogbackMdcAccess extends MdcAccess {
  /** 12 entries fill logback's default 16-slot {@code HashMap} without a resize. */
  private static final int PUT_ONE_BY_ONE_UP_TO = 12;

  private final LogbackMDCAdapter adapter;
  private final BiConsumer<String, String> put;

  private LogbackMdcAccess(LogbackMDCAdapter adapter) {
    this.adapter = adapter;
    this.put = adapter::put;
  }

  static MdcAccess create(MDCAdapter adapter) {
    return new LogbackMdcAccess((LogbackMDCAdapter) adapter);
  }

  @Override
  Map<String, String> capture() {
    @Nullable Map<String, String> readOnly = adapter.getPropertyMap();
    if (readOnly == null) {
      return NO_MAP;
    }
    return readOnly.isEmpty() ? EMPTY_MAP : readOnly;
  }

  /**
   * One copy either way. {@code setContextMap} copies through {@code entrySet()}, which for our
   * unmodifiable maps allocates a wrapper per entry; {@code forEach} reaches the inner map
   * directly. Put one by one while the entries fit logback's default-sized map (no resize);
   * beyond that, one pre-sized copy is cheaper than the resizes (measured in benchmarks/).
   */
  @Override
  void replace(Map<String, String> entries) {
    if (entries.size() <= PUT_ONE_BY_ONE_UP_TO) {
      adapter.clear();
      entries.forEach(put);
    } else {
      adapter.setContextMap(entries);
    }
  }

  @Override
  void clear() {
    adapter.clear();
  }

  /** Leaves logback an empty map of its own, as removing the last key does. */
  @Override
  void clearToEmptyMap() {
    adapter.setContextMap(NO_MAP);
  }

  @Override
  boolean holds(Map<String, String> saved) {
    @Nullable Map<String, String> now = adapter.getPropertyMap();
    return now == saved || sameState(now, saved);
  }
}
