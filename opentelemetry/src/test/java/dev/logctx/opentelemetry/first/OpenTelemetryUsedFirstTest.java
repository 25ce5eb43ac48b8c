package dev.logctx.opentelemetry.first;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import dev.logctx.opentelemetry.internal.TraceKeysStorage;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that uses OpenTelemetry before anything of logctx starts, so that OpenTelemetry
 * chooses its context storage before logctx-opentelemetry's carrier registers the storage wrapper.
 * Runs in two JVMs of its own: execution "opentelemetry-first-registered", whose class path lists
 * {@code LogctxContextStorageProvider} in the application's own services file (the documented
 * opt-in), and execution "opentelemetry-first", without it (the negative control of the opt-in).
 * opentelemetry-sdk-testing is off both class paths: its storage provider, found first, would end
 * OpenTelemetry's lookup before the opt-in provider is loaded.
 */
@EnabledIfSystemProperty(named = "logctx.test.opentelemetry-first", matches = "true")
class OpenTelemetryUsedFirstTest {

  private static final String TRACE_ID = "trace_id";
  private static final String SPAN_ID = "span_id";

  /** Whether the wrapper was on OpenTelemetry's storage right after its first use. */
  private static final boolean WRAPPED_AT_FIRST_USE;

  static {
    // The first thing this JVM does: a context made current, before any class of logctx starts.
    try (Scope boot = Context.root().with(ContextKey.named("boot"), "boot").makeCurrent()) {
      WRAPPED_AT_FIRST_USE = TraceKeysStorage.isActive();
    }
  }

  private static final Logger log = LoggerFactory.getLogger("app");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
          .build();
  private final Tracer tracer = provider.get("app");
  private final ExecutorService raw = Executors.newSingleThreadExecutor();
  private final ExecutorService pool = ContextualExecutors.wrap(raw);

  @BeforeEach
  void three_requests() throws Exception {
    for (int i = 0; i < 3; i++) {
      Span request = tracer.spanBuilder("request " + i).startSpan();
      try (Scope current = request.makeCurrent()) {
        logHere("request");
        pool.submit(this::work).get(10, TimeUnit.SECONDS);
      } finally {
        request.end();
      }
      raw.submit(() -> log.info("probe")).get(10, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    provider.close();
  }

  private void work() {
    logHere("task");
    Span child = tracer.spanBuilder("task-child").startSpan();
    try (Scope current = child.makeCurrent()) {
      logHere("task in child span");
    } finally {
      child.end();
    }
    logHere("task after child span");
  }

  /** Logs {@code what} with the span current now in the message. */
  private static void logHere(String what) {
    SpanContext now = Span.current().getSpanContext();
    log.info("{} current={}/{}", what, now.getTraceId(), now.getSpanId());
  }

  @Test
  @EnabledIfSystemProperty(named = "logctx.test.provider-registered", matches = "true")
  void with_the_provider_registered_the_keys_follow_every_span() {
    assertThat(WRAPPED_AT_FIRST_USE).as("wrapper on the storage at its first use").isTrue();
    assertThat(linesNotNamingTheirCurrentSpan()).as("lines without their current span").isEmpty();
    assertThat(spanLines()).hasSize(3 * 4);
    assertThat(logs.withMessage("probe"))
        .hasSize(3)
        .allSatisfy(probe -> assertThat(probe.mdc()).doesNotContainKeys(TRACE_ID, SPAN_ID));
  }

  /**
   * Without the opt-in the storage carries no wrapper: logctx's handoffs still carry the trace and
   * write the keys, the lines inside the application's own {@code makeCurrent()} do not get them,
   * and logctx says so once, at WARN, naming the provider to register.
   */
  @Test
  @EnabledIfSystemProperty(named = "logctx.test.provider-registered", matches = "false")
  void without_it_handoffs_keep_the_trace_and_one_warning_names_the_remedy() {
    assertThat(WRAPPED_AT_FIRST_USE).as("wrapper on the storage at its first use").isFalse();
    assertThat(logs.withMessagePrefix("task current="))
        .hasSize(3)
        .allSatisfy(line -> assertThat(namesItsCurrentSpan(line)).as(line.toString()).isTrue());
    assertThat(linesNotNamingTheirCurrentSpan())
        .extracting(line -> line.message().substring(0, line.message().indexOf(" current=")))
        .as("the lines inside a makeCurrent() of the application")
        .containsExactly("request", "task in child span", "request", "task in child span",
            "request", "task in child span");
    assertThat(logs.withMessage("probe"))
        .hasSize(3)
        .allSatisfy(probe -> assertThat(probe.mdc()).doesNotContainKeys(TRACE_ID, SPAN_ID));
    assertThat(logs.lines(line -> line.logger().equals(TraceKeysStorage.class.getName())))
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning.message())
                    .contains("before logctx started")
                    .contains("dev.logctx.opentelemetry.LogctxContextStorageProvider"));
  }

  private List<CapturedLog.Line> spanLines() {
    return logs.lines(line -> line.logger().equals("app") && line.message().contains(" current="));
  }

  private List<CapturedLog.Line> linesNotNamingTheirCurrentSpan() {
    return spanLines().stream().filter(line -> !namesItsCurrentSpan(line)).toList();
  }

  /** Whether the line's trace keys name the span its message says was current. */
  private static boolean namesItsCurrentSpan(CapturedLog.Line line) {
    String[] current = line.message().substring(line.message().indexOf("current=") + 8).split("/");
    Map<String, String> mdc = line.mdc();
    return current[0].equals(mdc.get(TRACE_ID)) && current[1].equals(mdc.get(SPAN_ID));
  }
}
