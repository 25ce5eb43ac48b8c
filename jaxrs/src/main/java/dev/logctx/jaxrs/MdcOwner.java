package dev.logctx.jaxrs;

import dev.logctx.internal.VertxMdcLocation;

/**
 * Whose MDC the calling code reads and writes: the owner of the value the request filter puts
 * there, compared by identity when the response filter runs.
 *
 * <p>Usually that is the thread. Quarkus keeps the MDC of a request in the request's Vert.x
 * context instead, as one map, and the request moves between threads with it: Quarkus REST runs
 * the request filters of a blocking endpoint on the event loop and its response filters on a
 * worker thread, on a context that holds the very same map. There the owner is that map. A task
 * that logctx starts on the request's context gets a map of its own, so it is another owner, as
 * another thread is.
 *
 * <p>Where that map lives (a local of the context under a key, or a Vert.x {@code ContextLocal} in
 * newer Quarkus) is known to {@link VertxMdcLocation} alone, which reaches Vert.x by reflection:
 * without Vert.x, or without a map in the current context, the owner is the thread.
 */
final class MdcOwner {
  private static final VertxMdcLocation MDC_LOCATION = VertxMdcLocation.get();

  private MdcOwner() {}

  /**
   * The owner of the MDC the calling code sees.
   *
   * @return the MDC map Quarkus keeps in the current Vert.x context, or else the current thread
   */
  static Object current() {
    Object map = MDC_LOCATION.currentMdcMap();
    return map != null ? map : Thread.currentThread();
  }
}
