package dev.logctx;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.util.Map;
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
  private final LogbackMDCAdapter adapter;

  private LogbackMdcAccess(LogbackMDCAdapter adapter) {
    this.adapter = adapter;
  }

  static MdcAccess create(MDCAdapter adapter) {
    return new LogbackMdcAccess((LogbackMDCAdapter) adapter);
  }

  @Override
  Map<String, String> capture() {
    @Nullable Map<String, String> readOnly = adapter.getPropertyMap();
    return readOnly == null ? Map.of() : readOnly;
  }

  @Override
  void replace(Map<String, String> entries) {
    adapter.setContextMap(entries);
  }

  @Override
  void clear() {
    adapter.clear();
  }

  @Override
  boolean holds(Map<String, String> saved) {
    @Nullable Map<String, String> now = adapter.getPropertyMap();
    if (now == saved) {
      return true;
    }
    return now == null || now.isEmpty() ? saved.isEmpty() : now.equals(saved);
  }
}
