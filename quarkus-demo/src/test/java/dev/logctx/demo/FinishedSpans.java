package dev.logctx.demo;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The spans the demo finished, held in memory for the tests: Quarkus adds every {@code
 * SpanProcessor} bean to its tracer, and this one hands each span to an in-memory exporter as it
 * ends. Nothing leaves the JVM.
 */
@Singleton
public class FinishedSpans {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

  /** The processor Quarkus adds to its tracer provider. */
  @Produces
  @Singleton
  SpanProcessor inMemory() {
    return SimpleSpanProcessor.create(exporter);
  }

  /** Forgets the spans finished so far. */
  void reset() {
    exporter.reset();
  }

  /** The span ids of each trace, of the spans finished so far. */
  Map<String, Set<String>> spanIdsByTrace() {
    Map<String, Set<String>> byTrace = new HashMap<>();
    for (SpanData span : exporter.getFinishedSpanItems()) {
      byTrace.computeIfAbsent(span.getTraceId(), t -> new HashSet<>()).add(span.getSpanId());
    }
    return byTrace;
  }
}
