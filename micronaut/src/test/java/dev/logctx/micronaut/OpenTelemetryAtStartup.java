package dev.logctx.micronaut;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.context.ApplicationContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the OpenTelemetry start-up tests do in a fresh JVM: start an application context, and
 * only then use OpenTelemetry for the first time (a span made current with {@code makeCurrent()},
 * as an application or Micronaut tracing does) and log inside and after its scope. Touches no
 * logctx class itself, so only the application context can have started logctx before
 * OpenTelemetry chose its storage.
 */
final class OpenTelemetryAtStartup {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String SPAN_ID = "b7ad6b7169203331";
  static final String WRAPPER = "dev.logctx.opentelemetry.internal.TraceKeysStorage";

  private static final Logger LOG = LoggerFactory.getLogger(OpenTelemetryAtStartup.class);

  /** What one run saw. */
  record Seen(
      CapturedLog.Line inScope, CapturedLog.Line afterScope, String storage, boolean started) {}

  private OpenTelemetryAtStartup() {}

  static Seen run(Map<String, Object> properties) {
    try (CapturedLog logs =
            CapturedLog.ofLoggers(OpenTelemetryAtStartup.class.getName()).atDebug().install();
        ApplicationContext context = ApplicationContext.run(properties)) {
      Span span =
          Span.wrap(
              SpanContext.create(
                  TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
      try (Scope scope = Context.current().with(span).makeCurrent()) {
        LOG.info("inside the span");
      }
      LOG.info("after the span");
      return new Seen(
          logs.line("inside the span"),
          logs.line("after the span"),
          ContextStorage.get().getClass().getName(),
          context.isRunning());
    }
  }
}
