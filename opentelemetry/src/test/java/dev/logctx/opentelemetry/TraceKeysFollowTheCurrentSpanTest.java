package dev.logctx.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * On one thread, with no logctx handoff at all: the trace keys of each line equal the span that
 * user code made current with {@code makeCurrent()}, nested or not, and are gone once no span is
 * current.
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class TraceKeysFollowTheCurrentSpanTest {
  private static final Logger log = LoggerFactory.getLogger("app");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final SdkTracerProvider provider = SdkTracerProvider.builder()
          // without a span processor the SDK hands out no-op tracers
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void clean() {
    provider.close();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void the_storage_is_wrapped() {
    assertThat(ContextStorage.get().toString()).startsWith("TraceKeysStorage{");
  }

  @Test
  void keys_follow_nested_spans_and_leave_with_the_last_scope() {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Span inner;
    try (Scope o = outer.makeCurrent()) {
      log.info("in outer");
      inner = tracer.spanBuilder("inner").startSpan();
      try (Scope i = inner.makeCurrent()) {
        log.info("in inner");
      }
      log.info("back in outer");
    } finally {
      outer.end();
    }
    inner.end();
    log.info("outside");

    assertThat(logs.mdcOf("in outer")).containsAllEntriesOf(keysOf(outer));
    assertThat(logs.mdcOf("in inner")).containsAllEntriesOf(keysOf(inner));
    assertThat(logs.mdcOf("back in outer")).containsAllEntriesOf(keysOf(outer));
    assertThat(logs.mdcOf("outside")).doesNotContainKeys("trace_id", "span_id", "trace_flags");
  }

  @Test
  void an_unsampled_span_has_flags_00_and_an_invalid_one_no_keys() {
    SpanContext unsampled =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getDefault(),
            TraceState.getDefault());
    try (Scope s = Span.wrap(unsampled).makeCurrent()) {
      log.info("unsampled");
      try (Scope none = Span.getInvalid().makeCurrent()) {
        log.info("invalid span");
      }
    }
    assertThat(logs.mdcOf("unsampled"))
        .containsEntry("trace_id", "0af7651916cd43dd8448eb211c80319c")
        .containsEntry("span_id", "b7ad6b7169203331")
        .containsEntry("trace_flags", "00");
    assertThat(logs.mdcOf("invalid span")).doesNotContainKeys("trace_id", "span_id", "trace_flags");
  }

  @Test
  void keys_the_user_put_are_left_alone_and_others_are_untouched() {
    Span span = tracer.spanBuilder("s").startSpan();
    try (dev.logctx.Scope id = LogContext.bind("request_id", "r-1")) {
      try (Scope s = span.makeCurrent()) {
        log.info("in span");
      }
      log.info("after span");
    } finally {
      span.end();
    }
    assertThat(logs.mdcOf("in span")).containsEntry("request_id", "r-1");
    assertThat(logs.mdcOf("after span")).isEqualTo(Map.of("request_id", "r-1"));
  }

  @Test
  void a_pooled_thread_that_ran_a_span_of_its_own_keeps_no_key() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(
              () -> {
                Span span = tracer.spanBuilder("job").startSpan();
                try (Scope s = span.makeCurrent()) {
                  log.info("job");
                } finally {
                  span.end();
                }
              })
          .get(10, TimeUnit.SECONDS);
      pool.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(logs.mdcOf("job")).containsKeys("trace_id", "span_id", "trace_flags");
    assertThat(logs.mdcOf("next task")).doesNotContainKeys("trace_id", "span_id", "trace_flags");
  }

  static Map<String, String> keysOf(Span span) {
    SpanContext context = span.getSpanContext();
    return Map.of(
        "trace_id", context.getTraceId(),
        "span_id", context.getSpanId(),
        "trace_flags", context.getTraceFlags().asHex());
  }
}
