package dev.logctx.benchmarks;

import dev.logctx.LogContext;
import dev.logctx.internal.ContextCarriers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The JVM of the {@code *LogctxOtelBenchmark} classes: logctx-opentelemetry's carrier switched on
 * by the {@code logctx.context-carrier} system property of the fork (benchmarks.jar leaves its
 * services files out, so no other fork carries the OpenTelemetry context), and a request thread
 * that runs inside a span, so that each snapshot carries a real OpenTelemetry {@code Context} and
 * the MDC holds the three trace keys besides the request's entries.
 */
final class LogctxOtelFixture {
  /** The switch of the forks. */
  static final String CARRIER =
      "-Dlogctx.context-carrier=dev.logctx.opentelemetry.internal.OpenTelemetryCarrier";

  private static final SpanContext REQUEST_SPAN =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private LogctxOtelFixture() {}

  /** Fails unless logctx carries the OpenTelemetry context and its storage wrapper is on. */
  static void requireCarrier(String where) {
    LogContext.empty(); // logctx first: its carrier registers the storage wrapper in time
    Object carrier = ContextCarriers.CARRIER;
    String storage = ContextStorage.get().toString();
    if (carrier == null || !storage.startsWith("TraceKeysStorage")) {
      throw new IllegalStateException(
          where + ": logctx-opentelemetry is not on (carrier " + carrier + ", storage " + storage
              + "); start the JVM with " + CARRIER);
    }
  }

  /** The request thread: {@code size} MDC entries, and inside the request's span. */
  static Scope enterRequest(int size) {
    MdcFixture.enterRequest(size);
    return Span.wrap(REQUEST_SPAN).makeCurrent();
  }

  /**
   * Fails unless the request thread still holds the span's keys; leaves the span, which leaves the
   * request's own entries (checked by the caller as for the other contenders).
   */
  static void leaveSpan(@Nullable Scope span, String where) {
    @Nullable Map<String, String> now = MDC.getCopyOfContextMap();
    if (span != null) {
      span.close();
    }
    if (now == null || !REQUEST_SPAN.getSpanId().equals(now.get("span_id"))) {
      MDC.clear();
      throw new IllegalStateException(where + ": the request thread lost its span keys: " + now);
    }
  }
}
