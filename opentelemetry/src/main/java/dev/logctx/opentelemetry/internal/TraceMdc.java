package dev.logctx.opentelemetry.internal;

import dev.logctx.internal.MdcKeys;
import dev.logctx.opentelemetry.TraceKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Writes the span context of an OpenTelemetry {@code Context} into the calling thread's MDC (not
 * API): the three keys of {@link TraceKeys} when its span context is valid, none of them otherwise.
 * Writes through logctx-api's single-key access, so no class of this module names SLF4J's MDC and
 * SLF4J has finished starting before any write (logctx's rule 8). A key that already holds the
 * value is not written again. Never throws but a {@link VirtualMachineError}: a failure is logged
 * once at WARN by the logger {@code dev.logctx.opentelemetry.internal.TraceMdc}.
 */
public final class TraceMdc {

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private TraceMdc() {}

  /**
   * Makes the thread's trace keys equal the span context of {@code context}.
   *
   * @param context the context now current on this thread; null stands for the root context
   */
  public static void sync(@Nullable Context context) {
    try {
      SpanContext span =
          context == null ? SpanContext.getInvalid() : Span.fromContext(context).getSpanContext();
      MdcKeys.Access mdc = MdcKeys.access();
      if (span.isValid()) {
        put(mdc, TraceKeys.traceIdKey(), span.getTraceId());
        put(mdc, TraceKeys.spanIdKey(), span.getSpanId());
        put(mdc, TraceKeys.traceFlagsKey(), span.getTraceFlags().asHex());
      } else {
        remove(mdc, TraceKeys.traceIdKey());
        remove(mdc, TraceKeys.spanIdKey());
        remove(mdc, TraceKeys.traceFlagsKey());
      }
    } catch (RuntimeException | Error e) {
      failed(e);
    }
  }

  private static void put(MdcKeys.Access mdc, String key, String value) {
    if (!value.equals(mdc.get(key))) {
      mdc.put(key, value);
    }
  }

  private static void remove(MdcKeys.Access mdc, String key) {
    if (mdc.get(key) != null) {
      mdc.remove(key);
    }
  }

  /** Logs {@code failure} the first time; rethrows a {@link VirtualMachineError}. */
  static void failed(Throwable failure) {
    if (failure instanceof VirtualMachineError) {
      throw (VirtualMachineError) failure;
    }
    if (WARNED.get() || !WARNED.compareAndSet(false, true)) {
      return;
    }
    try {
      LoggerFactory.getLogger(TraceMdc.class)
          .warn(
              "logctx-opentelemetry: writing the trace keys into the MDC failed; the work goes on"
                  + " and its lines may lack them. Logged once; later failures are not.",
              failure);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
    }
  }
}
