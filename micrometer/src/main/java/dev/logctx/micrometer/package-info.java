/**
 * logctx for Micrometer context-propagation: {@link dev.logctx.micrometer.LogContextAccessor}
 * carries logctx's snapshot of the MDC wherever Micrometer's {@code ContextSnapshot} carries
 * thread-local state — its executor wrappers, and Reactor's automatic context propagation.
 */
@NullMarked
package dev.logctx.micrometer;

import org.jspecify.annotations.NullMarked;
