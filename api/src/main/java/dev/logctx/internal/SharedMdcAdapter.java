package dev.logctx.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Implemented (not API) by an MDC adapter that keeps each thread's MDC as an immutable map which it
 * replaces, never mutates, on every write: {@code logctx-logback}'s adapter. logctx recognises it
 * with {@code instanceof} on the SLF4J adapter object, so nothing of the logging backend is loaded
 * to find out, and then hands MDC maps from thread to thread without copying them.
 *
 * <p>A map returned by {@link #captureMap()} is a token: it is never modified by anyone, can be
 * installed on any thread any number of times, and installing it is a single thread-local write.
 */
public interface SharedMdcAdapter {

  /**
   * The calling thread's MDC as it is now.
   *
   * @return an unmodifiable map that nobody mutates later; an empty map when the thread has a map
   *     without entries; null when it has no map (never written, or cleared)
   */
  @Nullable Map<String, String> captureMap();

  /**
   * Makes {@code entries} the whole MDC of the calling thread. A map returned by {@link
   * #captureMap()} is installed as it is; any other map is copied once.
   *
   * @param entries the new MDC, not empty
   */
  void installMap(Map<String, String> entries);

  /**
   * Whether the calling thread's MDC still holds exactly {@code captured}.
   *
   * @param captured a map returned by {@link #captureMap()} on this thread, not empty
   * @return true when the thread holds those entries
   */
  boolean holdsMap(Map<String, String> captured);
}
