package dev.logctx.jaxrs;

/**
 * Whose MDC the calling code reads and writes: the owner of the value the request filter puts
 * there, compared by identity when the response filter runs.
 *
 * <p>Usually that is the thread. Quarkus keeps the MDC of a request in the request's Vert.x
 * context instead, as one map in the context's local data, and the request moves between threads
 * with it: Quarkus REST runs the request filters of a blocking endpoint on the event loop and its
 * response filters on a worker thread, on a context that holds the very same map. There the owner
 * is that map. A task that logctx starts on the request's context gets a map of its own, so it is
 * another owner, as another thread is.
 *
 * <p>Vert.x is optional: it is looked for once, when this class initialises, and {@link
 * VertxContextMdc} (the only class that names it) is loaded only when it is present. Everywhere
 * else the owner is the thread.
 */
final class MdcOwner {
  private static final boolean VERTX = vertxPresent();

  private MdcOwner() {}

  /**
   * The owner of the MDC the calling code sees.
   *
   * @return the MDC map Quarkus keeps in the current Vert.x context, or else the current thread
   */
  static Object current() {
    if (VERTX) {
      Object map = VertxContextMdc.current();
      if (map != null) {
        return map;
      }
    }
    return Thread.currentThread();
  }

  private static boolean vertxPresent() {
    try {
      Class.forName("io.vertx.core.Vertx", false, MdcOwner.class.getClassLoader());
      VertxContextMdc.current(); // links the Vert.x part now rather than on a request
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
