package dev.logctx;

import dev.logctx.internal.MdcKeys;
import dev.logctx.internal.SharedMdcAdapter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * The only code in logctx that reads or writes the MDC: this class and its backends. Chosen once,
 * when this class initialises, which first finishes SLF4J's own initialisation (rule 8), so no
 * read or write of logctx ever goes through SLF4J's temporary start-up adapter.
 *
 * <p>Two kinds of access, both through the adapter chosen here: whole maps for the one mechanism
 * (capture, attach and restore, by {@code Attachment}), and single keys for code that binds one key
 * for a span of work (the request-id edges, through {@code dev.logctx.internal.RequestIdWriter}).
 * The single-key access reaches the other modules through {@link MdcKeys}, installed as this class
 * initialises; no other class of logctx names {@code org.slf4j.MDC}.
 *
 * <p>Maps handed out by {@link #capture()} are never modified afterwards, by anyone: they are
 * either a private copy, logback's read-only view, which logback replaces (never mutates) on the
 * next write, or the immutable map of an adapter that shares its maps ({@link SharedMdcAdapter}).
 *
 * <p>The choice, in order: an adapter that shares immutable maps (logctx-logback's, then a
 * handoff is a thread-local write); stock logback's adapter (capture without a copy); any other
 * SLF4J adapter (a copy each way).
 */
abstract class MdcAccess {

  /** The adapter of SLF4J, once SLF4J has finished its initialisation. */
  private static final MDCAdapter ADAPTER = initialisedAdapter();

  /** The access every logctx entry point uses. */
  static final MdcAccess MDC_ACCESS = create(ADAPTER);

  static {
    MdcKeys.install(new SingleKeys(ADAPTER));
  }

  private static MdcAccess create(MDCAdapter adapter) {
    if (adapter instanceof SharedMdcAdapter) {
      // logctx-logback's adapter (or any other that shares immutable maps): no copy at all. The
      // check names only a type of logctx-api, so no backend class is loaded to make it.
      return new SharedMdcAccess((SharedMdcAdapter) adapter, adapter);
    }
    if ("ch.qos.logback.classic.util.LogbackMDCAdapter".equals(adapter.getClass().getName())) {
      // Only named here, and only loaded when logback is really the binding: on JBoss LogManager
      // (Quarkus) or log4j the logback classes are absent and must never be touched.
      return LogbackMdcAccess.create(adapter);
    }
    return new Slf4jMdcAccess(adapter);
  }

  /**
   * SLF4J 2 gives a temporary, throw-away MDC adapter to threads that reach the MDC while the
   * logging backend is still initialising. Class initialisation runs once and the JVM makes every
   * other thread wait for it, so finishing SLF4J's initialisation here means no logctx entry point
   * ever reads or writes through that temporary adapter, at no cost per call.
   */
  private static MDCAdapter initialisedAdapter() {
    LoggerFactory.getILoggerFactory();
    // If another thread (not logctx) started the initialisation, it holds this lock until the
    // backend is bound: waiting for it makes getILoggerFactory() above complete for us too.
    synchronized (LoggerFactory.class) {
      LoggerFactory.getILoggerFactory();
    }
    MDCAdapter adapter = MDC.getMDCAdapter();
    if (adapter == null) {
      throw new IllegalStateException("SLF4J has no MDC adapter; logctx cannot work without one");
    }
    return adapter;
  }

  /**
   * What {@link #capture()} returns when the thread has no MDC map (SLF4J's {@code
   * getCopyOfContextMap()} is null: never written, or cleared).
   */
  static final Map<String, String> NO_MAP = Map.of();

  /**
   * What {@link #capture()} returns when the thread has an MDC map with no entries (its last key
   * was removed): an empty map told apart from {@link #NO_MAP} by identity only, so that a restore
   * puts back an empty map rather than none, at no cost to capture.
   */
  static final Map<String, String> EMPTY_MAP = Collections.unmodifiableMap(new HashMap<>(0));

  /**
   * The thread's entries as an unmodifiable map that nobody mutates later: {@link #NO_MAP} or
   * {@link #EMPTY_MAP} when it holds none.
   */
  abstract Map<String, String> capture();

  /** Makes {@code entries} (not empty) the thread's MDC. */
  abstract void replace(Map<String, String> entries);

  /** Leaves the thread no MDC map. */
  abstract void clear();

  /**
   * Leaves the thread an MDC map with no entries; {@link #clear()} where the MDC has one empty
   * state only.
   */
  void clearToEmptyMap() {
    clear();
  }

  /**
   * Whether the thread's MDC still holds exactly {@code saved}, a map returned by {@link
   * #capture()} on this thread: the same entries, or the same empty state.
   */
  abstract boolean holds(Map<String, String> saved);

  /**
   * Puts back {@code saved}, a map returned by {@link #capture()} on this thread: no map, an empty
   * map, or those entries.
   */
  final void restore(Map<String, String> saved) {
    if (!saved.isEmpty()) {
      replace(saved);
    } else if (saved == EMPTY_MAP) {
      clearToEmptyMap();
    } else {
      clear();
    }
  }

  /**
   * Whether a thread whose MDC reads {@code now} (null: no map) still holds {@code saved}, a map
   * returned by {@link #capture()} on it.
   */
  static boolean sameState(@Nullable Map<String, String> now, Map<String, String> saved) {
    if (now == null) {
      return saved.isEmpty() && saved != EMPTY_MAP;
    }
    return now.isEmpty() ? saved == EMPTY_MAP : now.equals(saved);
  }

  /** The SLF4J API path, for any binding: one map copy per read, the adapter copies on write. */
  static final class Slf4jMdcAccess extends MdcAccess {
    private final MDCAdapter adapter;

    Slf4jMdcAccess(MDCAdapter adapter) {
      this.adapter = adapter;
    }

    @Override
    Map<String, String> capture() {
      Map<String, String> copy = adapter.getCopyOfContextMap();
      if (copy == null) {
        return NO_MAP;
      }
      return copy.isEmpty() ? EMPTY_MAP : Collections.unmodifiableMap(copy);
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
    void clearToEmptyMap() {
      adapter.setContextMap(NO_MAP);
    }

    @Override
    boolean holds(Map<String, String> saved) {
      return sameState(adapter.getCopyOfContextMap(), saved);
    }
  }

  /**
   * The path for an adapter that keeps each thread's MDC as an immutable map (logctx-logback):
   * capture returns that map, attach and restore install it again, one thread-local write each.
   */
  static final class SharedMdcAccess extends MdcAccess {
    private final SharedMdcAdapter shared;
    private final MDCAdapter adapter;

    SharedMdcAccess(SharedMdcAdapter shared, MDCAdapter adapter) {
      this.shared = shared;
      this.adapter = adapter;
    }

    @Override
    Map<String, String> capture() {
      @Nullable Map<String, String> now = shared.captureMap();
      if (now == null) {
        return NO_MAP;
      }
      return now.isEmpty() ? EMPTY_MAP : now;
    }

    @Override
    void replace(Map<String, String> entries) {
      shared.installMap(entries);
    }

    @Override
    void clear() {
      adapter.clear();
    }

    @Override
    void clearToEmptyMap() {
      adapter.setContextMap(NO_MAP);
    }

    @Override
    boolean holds(Map<String, String> saved) {
      return saved.isEmpty() ? sameState(shared.captureMap(), saved) : shared.holdsMap(saved);
    }
  }

  /**
   * Single keys of the calling thread's MDC, through the same adapter as the whole maps: what
   * {@link MdcKeys} hands to the request-id writer. Every backend's adapter implements these three
   * methods as SLF4J defines them, so one implementation serves all.
   */
  private static final class SingleKeys implements MdcKeys.Access {
    private final MDCAdapter adapter;

    SingleKeys(MDCAdapter adapter) {
      this.adapter = adapter;
    }

    @Override
    public @Nullable String get(String key) {
      return adapter.get(key);
    }

    @Override
    public void put(String key, String value) {
      adapter.put(key, value);
    }

    @Override
    public void remove(String key) {
      adapter.remove(key);
    }
  }
}
