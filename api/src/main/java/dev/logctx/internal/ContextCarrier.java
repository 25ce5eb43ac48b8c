package dev.logctx.internal;

import org.jspecify.annotations.Nullable;

/**
 * Service interface (not API) for context that travels in the same snapshot as the MDC: a
 * {@code LogContext} captures it with the MDC where work is handed over, attaches it with the MDC
 * where the work runs and restores it with the MDC afterwards (logctx-opentelemetry carries the
 * OpenTelemetry {@code Context} this way). Registered in {@code
 * META-INF/services/dev.logctx.internal.ContextCarrier}; {@link ContextCarriers} finds it once.
 *
 * <p>Every method runs on the hot path of every handoff: it must be O(1), allocation-light and
 * must not log. What it throws never reaches the work: {@link ContextCarriers} catches it, logs one
 * WARN for the life of the JVM, and the work runs with the MDC alone.
 */
public interface ContextCarrier {

  /**
   * Captures the carried context of the calling thread.
   *
   * @return the context, or null for the carrier's empty state (attached as such)
   */
  @Nullable Object capture();

  /**
   * Makes {@code captured} the carried context of the calling thread, replacing the whole of it
   * (null: the carrier's empty state). Called after the MDC of the snapshot was attached.
   *
   * @param captured what {@link #capture()} returned, or null
   * @return what {@link #restore(Object)} needs to put the previous state back, or null when
   *     nothing needs restoring
   */
  @Nullable Object attach(@Nullable Object captured);

  /**
   * Puts back exactly the state that {@link #attach(Object)} replaced, on the thread that attached.
   * Called before the MDC of the thread is restored.
   *
   * @param token what {@link #attach(Object)} returned (never null here)
   */
  void restore(Object token);
}
