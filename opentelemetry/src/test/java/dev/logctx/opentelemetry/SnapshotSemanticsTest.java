package dev.logctx.opentelemetry;

import static dev.logctx.opentelemetry.TraceKeysFollowTheCurrentSpanTest.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What each kind of snapshot does to the OpenTelemetry context (docs/opentelemetry.md,
 * "Decisions"): captured ones carry it; {@code empty()}, {@code of(...)} and a cleared MicroProfile
 * context carry none and run the work outside any span; {@code with}/{@code without} keep it;
 * equality stays by entries while re-wrapping never keeps an older span.
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class SnapshotSemanticsTest {
  private static final Logger log = LoggerFactory.getLogger("app");
  private static final String[] TRACE_KEYS = {"trace_id", "span_id", "trace_flags"};

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final SdkTracerProvider provider = SdkTracerProvider.builder()
          // without a span processor the SDK hands out no-op tracers
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();
  private final Tracer tracer = provider.get("test");
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void clean() {
    pool.shutdownNow();
    provider.close();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void empty_and_of_run_the_work_outside_any_span_and_give_the_span_back() {
    Span span = tracer.spanBuilder("request").startSpan();
    try (Scope s = span.makeCurrent()) {
      LogContext.empty().run(() -> log.info("in empty"));
      LogContext.of(Map.of("job", "export", "trace_id", "not-a-trace")).run(() -> log.info("in of"));
      log.info("after");
      assertThat(Span.current()).isSameAs(span);
    } finally {
      span.end();
    }
    assertThat(logs.mdcOf("in empty")).isEmpty();
    assertThat(logs.mdcOf("in of")).isEqualTo(Map.of("job", "export"));
    assertThat(logs.mdcOf("after")).containsAllEntriesOf(keysOf(span));
  }

  @Test
  void with_and_without_keep_the_captured_span() throws Exception {
    Span span = tracer.spanBuilder("request").startSpan();
    LogContext captured;
    try (Scope s = span.makeCurrent()) {
      captured = LogContext.current();
    } finally {
      span.end();
    }
    LogContext derived = captured.with("user_id", "u-1").without("trace_flags");
    pool.submit(derived.wrap(() -> log.info("derived"))).get(10, TimeUnit.SECONDS);
    assertThat(logs.mdcOf("derived"))
        .containsAllEntriesOf(keysOf(span))
        .containsEntry("user_id", "u-1");
  }

  @Test
  void equal_snapshots_of_different_spans_never_share_a_wrapper() throws Exception {
    Span first = tracer.spanBuilder("first").startSpan();
    Span second = tracer.spanBuilder("second").startSpan();
    LogContext a;
    LogContext b;
    try (Scope s = first.makeCurrent()) {
      a = withoutTraceKeys(LogContext.current());
    }
    try (Scope s = second.makeCurrent()) {
      b = withoutTraceKeys(LogContext.current());
    }
    first.end();
    second.end();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b); // by entries only

    Runnable wrappedByA = a.wrap(() -> log.info("rewrapped"));
    Runnable rewrapped = b.wrap(wrappedByA);
    assertThat(rewrapped).isNotSameAs(wrappedByA);
    assertThat(a.wrap(wrappedByA)).isSameAs(wrappedByA); // the very same snapshot: idempotent
    pool.submit(rewrapped).get(10, TimeUnit.SECONDS);
    assertThat(logs.mdcOf("rewrapped")).containsAllEntriesOf(keysOf(first));
  }

  @Test
  void a_cleared_microprofile_context_runs_the_work_outside_any_span() throws Exception {
    ThreadContext clearing =
        ThreadContext.builder().propagated().cleared(ThreadContext.ALL_REMAINING).build();
    ThreadContext propagating =
        ThreadContext.builder().propagated(ThreadContext.ALL_REMAINING).cleared().build();
    Span span = tracer.spanBuilder("request").startSpan();
    Runnable cleared;
    Runnable propagated;
    try (Scope s = span.makeCurrent()) {
      cleared = clearing.contextualRunnable(() -> log.info("cleared"));
      propagated = propagating.contextualRunnable(() -> log.info("propagated"));
    } finally {
      span.end();
    }
    pool.submit(cleared).get(10, TimeUnit.SECONDS);
    pool.submit(propagated).get(10, TimeUnit.SECONDS);
    assertThat(logs.mdcOf("cleared")).doesNotContainKeys(TRACE_KEYS);
    assertThat(logs.mdcOf("propagated")).containsAllEntriesOf(keysOf(span));
  }

  @Test
  void a_scope_closed_on_another_thread_changes_nothing_there_and_restores_both_on_its_own()
      throws Exception {
    Span span = tracer.spanBuilder("request").startSpan();
    LogContext captured;
    try (Scope s = span.makeCurrent()) {
      captured = LogContext.current();
    } finally {
      span.end();
    }
    dev.logctx.Scope scope = pool.submit(captured::attach).get(10, TimeUnit.SECONDS);
    scope.close(); // on the test thread, which did not open it
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    pool.submit(() -> log.info("still attached")).get(10, TimeUnit.SECONDS);
    pool.submit(scope::close).get(10, TimeUnit.SECONDS);
    pool.submit(() -> log.info("after close")).get(10, TimeUnit.SECONDS);
    assertThat(pool.submit(() -> Context.current() == Context.root()).get(10, TimeUnit.SECONDS))
        .isTrue();
    assertThat(logs.mdcOf("still attached")).containsAllEntriesOf(keysOf(span));
    assertThat(logs.mdcOf("after close")).isEmpty();
  }

  @Test
  void the_empty_snapshot_is_still_the_shared_constant_outside_any_span() {
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
  }

  private static LogContext withoutTraceKeys(LogContext context) {
    LogContext out = context;
    for (String key : TRACE_KEYS) {
      out = out.without(key);
    }
    return out.with("request_id", "same");
  }
}
