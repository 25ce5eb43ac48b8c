package dev.logctx.demo.jakartaee;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;

/**
 * The application's own OpenTelemetry SDK, in the WAR (no agent, nothing from the server): its
 * tracer and the W3C {@code traceparent} propagator, configured as OpenTelemetry's SDK
 * autoconfiguration reads system properties and environment variables. By default spans are
 * exported nowhere ({@code otel.traces.exporter=none}); {@code -Dotel.traces.exporter=otlp
 * -Dotel.exporter.otlp.endpoint=http://collector:4318} sends them to a collector, and {@code
 * -D}{@value #LOG_SPANS}{@code =true} logs each finished span as a line ({@link SpanLines}).
 */
final class Telemetry {
  /** The system property that logs each finished span: {@value}. */
  static final String LOG_SPANS = "logctx.demo.log-spans";

  private static final String SCOPE = "dev.logctx.demo.jakartaee";
  private static final OpenTelemetrySdk SDK = start();

  private Telemetry() {}

  private static OpenTelemetrySdk start() {
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(
                () ->
                    Map.of(
                        "otel.traces.exporter", "none",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none",
                        "otel.service.name", "logctx-jakartaee-demo"))
            .addTracerProviderCustomizer(
                (tracerProvider, config) ->
                    config.getBoolean(LOG_SPANS, false)
                        ? tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(new SpanLines()))
                        : tracerProvider)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    return sdk;
  }

  /** The SDK. */
  static OpenTelemetry openTelemetry() {
    return SDK;
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
