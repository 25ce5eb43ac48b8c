package dev.logctx.opentelemetry.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import dev.logctx.opentelemetry.internal.TraceKeysStorage;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A framework's own {@code ContextStorageProvider} on the class path, as Quarkus has one, and logctx
 * started before OpenTelemetry's storage. Runs in two executions, whose keys are renamed to
 * Quarkus's ({@code traceId}, {@code spanId}) by system properties: "with-another-storage-provider",
 * where logctx-opentelemetry registers no provider, so OpenTelemetry chooses the framework's storage
 * as it would without the module and the carrier's wrapper wraps it; and
 * "with-another-storage-provider-and-the-opt-in", where the application also lists logctx's opt-in
 * provider, so OpenTelemetry alone would fall back to its default storage: the wrapper keeps the
 * framework's storage and OpenTelemetry's (then false) warning is not logged.
 */
@EnabledIfSystemProperty(named = "logctx.test.other-provider", matches = "true")
class ComposesWithAnotherStorageProviderTest {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("app");

  /** OpenTelemetry's storage logger, held so that the handler stays on it. */
  private static final Logger LAZY_STORAGE = Logger.getLogger("io.opentelemetry.context.LazyStorage");

  private static final List<LogRecord> OTEL_RECORDS = new CopyOnWriteArrayList<>();

  static {
    // before anything makes OpenTelemetry choose its storage
    LAZY_STORAGE.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            OTEL_RECORDS.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  /** Whether the application lists logctx's opt-in provider beside the framework's. */
  private static final boolean OPT_IN = Boolean.getBoolean("logctx.test.provider-registered");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final SdkTracerProvider provider = SdkTracerProvider.builder()
          // without a span processor the SDK hands out no-op tracers; opentelemetry-sdk-testing
          // is off this class path (its storage provider would take OpenTelemetry's choice over)
          .addSpanProcessor(SimpleSpanProcessor.create(new DiscardingExporter()))
          .build();
  private final Tracer tracer = provider.get("test");

  /** Exports nowhere. */
  private static final class DiscardingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void the_frameworks_storage_is_kept_and_wrapped_and_no_fallback_is_reported() throws Exception {
    assertThat(ContextStorage.get()).hasToString("TraceKeysStorage{FrameworkStorage}");
    assertThat(OTEL_RECORDS).isEmpty();

    ExecutorService pool = ContextualExecutors.wrap(Executors.newSingleThreadExecutor());
    int before = FrameworkStorageProvider.STORAGE.attaches.get();
    Span span = tracer.spanBuilder("request").startSpan();
    try (Scope s = span.makeCurrent()) {
      log.info("request");
      pool.submit(() -> log.info("task")).get(10, TimeUnit.SECONDS);
    } finally {
      span.end();
      pool.shutdownNow();
      provider.close();
    }
    log.info("after");

    assertThat(FrameworkStorageProvider.STORAGE.attaches.get() - before)
        .as("attaches through the framework's storage: request and task")
        .isGreaterThanOrEqualTo(2);
    for (String line : List.of("request", "task")) {
      assertThat(logs.mdcOf(line))
          .containsEntry("traceId", span.getSpanContext().getTraceId())
          .containsEntry("spanId", span.getSpanContext().getSpanId())
          .doesNotContainKeys("trace_id", "span_id");
    }
    assertThat(logs.mdcOf("after")).doesNotContainKeys("traceId", "spanId", "trace_flags");
  }

  /**
   * OpenTelemetry's own choice on this class path. Without the opt-in it is the framework's
   * storage, as without logctx-opentelemetry: the module adds no provider, so nothing needs
   * composing (with a provider of the module registered, OpenTelemetry would fall back to its
   * default storage). With the opt-in it does fall back: the negative control of the wrapper's
   * composition.
   */
  @Test
  void opentelemetry_alone_keeps_the_frameworks_storage_unless_the_opt_in_is_registered()
      throws Exception {
    assertThat(TraceKeysStorage.otherProviders())
        .singleElement()
        .isInstanceOf(FrameworkStorageProvider.class);
    Class<?> lazyStorage = Class.forName("io.opentelemetry.context.LazyStorage");
    Method createStorage = lazyStorage.getDeclaredMethod("createStorage", AtomicReference.class);
    createStorage.setAccessible(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Object chosen = createStorage.invoke(null, failure);
    if (OPT_IN) {
      assertThat(chosen).isSameAs(ContextStorage.defaultStorage());
      assertThat(failure.get()).hasMessageStartingWith("Found multiple ContextStorageProvider");
    } else {
      assertThat(chosen).isSameAs(FrameworkStorageProvider.STORAGE);
      assertThat(failure.get()).isNull();
    }
  }
}
