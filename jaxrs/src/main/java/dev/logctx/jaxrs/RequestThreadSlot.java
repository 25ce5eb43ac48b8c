package dev.logctx.jaxrs;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link RequestIdFilter} records, for {@link RequestThreadCleanupFilter}, which id it put
 * into the request thread's MDC. The servlet filter creates one per request before the JAX-RS
 * runtime runs and releases it on the same thread once the runtime returns; this class names no
 * servlet type, so the JAX-RS filter loads where there is no servlet API.
 */
final class RequestThreadSlot {
  private volatile RequestIdFilter.@Nullable Binding binding;

  /** Records the binding the request filter made (the last one, if it ran more than once). */
  void record(RequestIdFilter.Binding made) {
    binding = made;
  }

  /**
   * Removes the recorded id from the MDC if this runs in the MDC it was put in and the key still
   * holds it ({@link RequestIdFilter.Binding#release()}); otherwise, or when nothing was recorded,
   * changes nothing. Releases at most once.
   */
  void release() {
    RequestIdFilter.@Nullable Binding made = binding;
    if (made != null) {
      binding = null;
      made.release();
    }
  }
}
