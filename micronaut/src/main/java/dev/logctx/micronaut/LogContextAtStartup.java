package dev.logctx.micronaut;

import dev.logctx.LogContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;

/**
 * Starts logctx when the application context starts, before the first request: initialises
 * {@link LogContext}, which loads the context carriers found on the class path. A carrier that
 * has to set something up before its framework's first use gets it done here, whether or not any
 * other logctx code runs at start-up. logctx-opentelemetry is such a carrier: it registers its
 * OpenTelemetry {@code ContextStorage} wrapper, which OpenTelemetry takes only if it is registered
 * before OpenTelemetry first uses its storage (it chooses the storage once). Without this bean,
 * an application whose first span (Micronaut tracing's server filter, at the first request) comes
 * before any logctx code would get the wrapper too late, and a {@code makeCurrent()} of the
 * application or of Micronaut tracing would not update the MDC trace keys.
 *
 * <p>{@link Context @Context}, so Micronaut creates it eagerly while the application context
 * starts, with the highest precedence among such beans. It logs nothing and never fails the
 * start-up: a carrier that cannot be loaded leaves logctx as it would be at its first use
 * elsewhere. Absent with {@value LogctxMicronaut#ENABLED_PROPERTY}{@code =false}.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class LogContextAtStartup {

  /** Created by Micronaut, eagerly: initialises {@link LogContext}. */
  public LogContextAtStartup() {
    try {
      LogContext.empty();
    } catch (RuntimeException | LinkageError e) {
      // rule 7: logctx never fails the application's start-up; its first use elsewhere meets the
      // same failure where logctx already handles it
    }
  }
}
