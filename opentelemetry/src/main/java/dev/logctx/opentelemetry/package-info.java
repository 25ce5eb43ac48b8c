/**
 * logctx-opentelemetry: the OpenTelemetry {@code Context} travels in the same snapshot as the MDC
 * on every logctx handoff, and the MDC keys {@code trace_id}, {@code span_id} and {@code
 * trace_flags} always equal the current span's context. No code is needed: the jar on the class
 * path does it (see docs/opentelemetry.md). {@link dev.logctx.opentelemetry.TraceKeys} names the
 * keys and the properties that rename them.
 */
@NullMarked
package dev.logctx.opentelemetry;

import org.jspecify.annotations.NullMarked;
