package dev.logctx.jaxrs;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jspecify.annotations.Nullable;

/**
 * The Vert.x part of {@link MdcOwner}: the only class of this jar that names Vert.x, loaded only
 * when Vert.x is present.
 */
final class VertxContextMdc {
  /**
   * Where Quarkus' MDC provider ({@code io.quarkus.vertx.core.runtime.VertxMDC}, Quarkus 3.33)
   * keeps the MDC map of a request in the local data of the request's Vert.x context: its class
   * name.
   */
  static final String QUARKUS_MDC_KEY = "io.quarkus.vertx.core.runtime.VertxMDC";

  private VertxContextMdc() {}

  /**
   * The MDC map that Quarkus keeps in the calling thread's current Vert.x context, or null when the
   * thread has no Vert.x context or its context holds no such map (the MDC is then the thread's).
   */
  static @Nullable Object current() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(QUARKUS_MDC_KEY);
  }
}
