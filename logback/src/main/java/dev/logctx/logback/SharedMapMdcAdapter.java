package dev.logctx.logback;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.logctx.internal.SharedMdcAdapter;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * logback's MDC adapter with each thread's MDC kept as an immutable map that every write replaces
 * (see {@link FlatMdcMap}), so that logctx captures it and installs it on another thread without a
 * copy. Every public method behaves as in {@link LogbackMDCAdapter}: {@code clear()} leaves no map,
 * removing the last key leaves an empty one, {@code getKeys()} is null without a map, null values
 * are kept, the push/pop deques are logback's own. It extends {@link LogbackMDCAdapter} because
 * logback's events take {@link #getPropertyMap()} by reference only from that type.
 *
 * <p>Entries are listed in insertion order (stock logback lists them in hash order).
 */
final class SharedMapMdcAdapter extends LogbackMDCAdapter implements SharedMdcAdapter {

  /**
   * Per thread: null (no map) or an immutable array of {@link FlatMdcMap}. Only JDK types, so a
   * pooled thread of a server never keeps an undeployed application's class loader.
   */
  private final ThreadLocal<@Nullable Object[]> maps = new ThreadLocal<>();

  @Override
  public void put(String key, @Nullable String value) {
    if (key == null) {
      throw new IllegalArgumentException("key cannot be null");
    }
    @Nullable Object[] now = maps.get();
    @Nullable Object[] next = FlatMdcMap.with(now, key, value);
    if (next != now) {
      maps.set(next);
    }
  }

  @Override
  public @Nullable String get(@Nullable String key) {
    @Nullable Object[] now = maps.get();
    // the cast fails on a value that is no string (from a raw map), as logback's get does
    return now == null || key == null ? null : (String) FlatMdcMap.lookup(now, key);
  }

  @Override
  public void remove(@Nullable String key) {
    @Nullable Object[] now = maps.get();
    if (now == null || key == null) {
      return;
    }
    int at = FlatMdcMap.find(now, key);
    if (at >= 0) {
      maps.set(FlatMdcMap.without(now, at));
    }
  }

  /** Leaves no map; {@code set(null)} keeps the thread's slot, so the next write allocates less. */
  @Override
  public void clear() {
    maps.set(null);
  }

  /** The thread's read-only map, which later writes replace and never modify; null without one. */
  @Override
  public @Nullable Map<String, String> getPropertyMap() {
    @Nullable Object[] now = maps.get();
    return now == null ? null : new FlatMdcMap<>(now);
  }

  @Override
  public @Nullable Map<String, String> getCopyOfContextMap() {
    @Nullable Object[] now = maps.get();
    if (now == null) {
      return null;
    }
    return new HashMap<>(new FlatMdcMap<String, @Nullable String>(now));
  }

  @Override
  public @Nullable Set<String> getKeys() {
    @Nullable Object[] now = maps.get();
    return now == null ? null : new FlatMdcMap<String, String>(now).keySet();
  }

  @SuppressWarnings("rawtypes") // the signature logback declares
  @Override
  public void setContextMap(@Nullable Map contextMap) {
    maps.set(contextMap == null ? null : FlatMdcMap.copyOf(contextMap));
  }

  @Override
  public void pushByKey(String key, String value) {
    super.pushByKey(key, value);
  }

  @Override
  public @Nullable String popByKey(String key) {
    return super.popByKey(key);
  }

  @Override
  public @Nullable Deque<String> getCopyOfDequeByKey(String key) {
    return super.getCopyOfDequeByKey(key);
  }

  @Override
  public void clearDequeByKey(String key) {
    super.clearDequeByKey(key);
  }

  // ---- logctx: hand the map over without a copy -------------------------------------------------

  @Override
  public @Nullable Map<String, String> captureMap() {
    @Nullable Object[] now = maps.get();
    if (now == null) {
      return null;
    }
    return now.length == 0 ? Map.of() : new FlatMdcMap<>(now);
  }

  @Override
  public void installMap(Map<String, String> entries) {
    maps.set(FlatMdcMap.copyOf(entries));
  }

  @Override
  public boolean holdsMap(Map<String, String> captured) {
    @Nullable Object[] now = maps.get();
    if (captured instanceof FlatMdcMap && ((FlatMdcMap<?, ?>) captured).entries == now) {
      return true;
    }
    if (now == null || now.length == 0) {
      return false; // captured is not empty
    }
    return new FlatMdcMap<>(now).equals(captured);
  }
}
