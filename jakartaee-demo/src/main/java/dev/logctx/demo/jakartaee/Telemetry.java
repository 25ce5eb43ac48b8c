package dev.logctx.demo.jakartaee;

import dev.logctx.LogContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * The application's own OpenTelemetry SDK, in the WAR (no agent, nothing from the server): its
 * tracer and the W3C {@code traceparent} propagator. Built by hand, without the SDK's
 * autoconfiguration, whose service lookups mix the WAR's classes with Payara's own OpenTelemetry.
 * By default spans are exported nowhere; {@code -D}{@value #OTLP_ENDPOINT}{@code
 * =http://collector:4318} (or the environment variable {@code OTEL_EXPORTER_OTLP_ENDPOINT}) sends
 * them to a collector over OTLP/HTTP, and {@code -D}{@value #LOG_SPANS}{@code =true} logs each
 * finished span as a line ({@link SpanLines}).
 */
final class Telemetry {
  /** The system property that logs each finished span: {@value}. */
  static final String LOG_SPANS = "logctx.demo.log-spans";

  /** The system property naming the collector's OTLP/HTTP endpoint: {@value}. */
  static final String OTLP_ENDPOINT = "otel.exporter.otlp.endpoint";

  private static final String SCOPE = "dev.logctx.demo.jakartaee";
  private static final OpenTelemetrySdk SDK = start();

  private Telemetry() {}

  private static OpenTelemetrySdk start() {
    // logctx first: starting it loads logctx-opentelemetry's context carrier, which registers the
    // storage wrapper that keeps trace_id/span_id in the MDC equal to the current span. The WAR's
    // OpenTelemetry takes a wrapper only if it is registered before it first uses its storage,
    // which the first request's TracingFilter does just after this class has initialised. logctx
    // has usually started already while the server deployed the WAR; this makes the order certain.
    LogContext.empty();
    SdkTracerProviderBuilder tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                AttributeKey.stringKey("service.name"), "logctx-jakartaee-demo"))));
    if (Boolean.getBoolean(LOG_SPANS)) {
      tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(new SpanLines()));
    }
    @Nullable String endpoint = System.getProperty(OTLP_ENDPOINT, System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (endpoint != null && !endpoint.isBlank()) {
      tracerProvider.addSpanProcessor(
          BatchSpanProcessor.builder(
                  OtlpHttpSpanExporter.builder()
                      .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces")
                      .build())
              .build());
    }
    if (!Boolean.getBoolean(LOG_SPANS) && (endpoint == null || endpoint.isBlank())) {
      // Exported nowhere, but made: without any span processor the SDK hands out OpenTelemetry's
      // no-op tracer, and a request without traceparent would run in no span at all.
      tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()));
    }
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /** The application's tracer. */
  static Tracer tracer() {
    return SDK.getTracer(SCOPE);
  }

  /** The propagator of incoming and outgoing requests: W3C {@code traceparent}. */
  static TextMapPropagator propagator() {
    return SDK.getPropagators().getTextMapPropagator();
  }

  /** Ends the exporters' work; called when the application stops. */
  static void shutdown() {
    SDK.close();
  }
}
