package dev.logctx.opentelemetry.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import dev.logctx.ContextualTasks;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-Java application that makes a context current before any class of logctx starts, then
 * hands work over with a wrapped single-thread executor and with {@code createTaskWithContext},
 * and starts a child span inside the task. Runs in a JVM of its own per execution: with this
 * module's jar (its services file) on the class path, and, as the negative control, with
 * logctx-opentelemetry alone.
 */
@EnabledIfSystemProperty(named = "logctx.test.opentelemetry-first", matches = "true")
class OpenTelemetryFirstWithTheProviderJarTest {

  private static final String TRACE_ID = "trace_id";
  private static final String SPAN_ID = "span_id";
  private static final String PROVIDER = "dev.logctx.opentelemetry.LogctxContextStorageProvider";
  private static final Pattern IDS = Pattern.compile("current=(\\w+)/(\\w+) parent=(\\w+)");

  static {
    // The first thing this JVM does: a context made current, before any class of logctx starts.
    Context.root().with(ContextKey.named("boot"), "boot").makeCurrent().close();
  }

  private static final Logger log = LoggerFactory.getLogger("app");

  /** Spans with real ids, exported nowhere (without a processor the SDK's spans are invalid). */
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
          .build();

  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @BeforeEach
  void three_requests_over_two_handoffs() throws Exception {
    ExecutorService contextual = ContextualExecutors.wrap(worker);
    for (int request = 0; request < 3; request++) {
      handle(request, contextual);
      worker.submit(() -> log.info("probe")).get(10, TimeUnit.SECONDS);
    }
  }

  /** One request: its span current on this thread, handed over twice to the same pooled thread. */
  private void handle(int request, ExecutorService contextual) throws Exception {
    Span span = tracing.get("app").spanBuilder("request " + request).startSpan();
    String parent = span.getSpanContext().getSpanId();
    try (Scope inRequest = span.makeCurrent()) {
      logHere("request", parent);
      contextual.submit(() -> work("executor", parent)).get(10, TimeUnit.SECONDS);
      ContextualTasks.createTaskWithContext(
              () -> work("task", parent), "task-" + request, worker)
          .get(10, TimeUnit.SECONDS);
    } finally {
      span.end();
    }
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
    tracing.close();
  }

  private void work(String handoff, String parent) {
    logHere(handoff, parent);
    Span child = tracing.get("app").spanBuilder(handoff + "-child").startSpan();
    try (Scope current = child.makeCurrent()) {
      logHere(handoff + " in child span", parent);
    } finally {
      child.end();
    }
    logHere(handoff + " after child span", parent);
  }

  /** Logs {@code what} with the span current now and the request's span in the message. */
  private static void logHere(String what, String parent) {
    SpanContext now = Span.current().getSpanContext();
    log.info("{} current={}/{} parent={}", what, now.getTraceId(), now.getSpanId(), parent);
  }

  @Test
  @EnabledIfSystemProperty(named = "logctx.test.provider-jar", matches = "true")
  void with_the_jar_every_line_carries_the_span_current_when_it_was_logged() {
    assertThat(spanLines()).hasSize(3 * 7);
    assertThat(spanLines())
        .allSatisfy(line -> assertThat(namesItsCurrentSpan(line)).as(line.toString()).isTrue());
    assertThat(logs.withMessagePrefix("task in child span"))
        .hasSize(3)
        .allSatisfy(
            line ->
                assertThat(line.mdc().get(SPAN_ID)).as(line.toString()).isNotEqualTo(parent(line)));
    assertThat(logs.withMessage("probe"))
        .hasSize(3)
        .allSatisfy(probe -> assertThat(probe.mdc()).doesNotContainKeys(TRACE_ID, SPAN_ID));
    assertThat(warnings()).isEmpty();
  }

  /**
   * Without the jar (logctx-opentelemetry alone, OpenTelemetry used first): the handoffs carry the
   * trace, but a child span's {@code makeCurrent()} in the task leaves the request's span_id on
   * its lines, and one WARN names the provider to register.
   */
  @Test
  @EnabledIfSystemProperty(named = "logctx.test.provider-jar", matches = "false")
  void without_the_jar_the_child_spans_lines_keep_the_parents_span_id_and_one_warning() {
    assertThat(spanLines()).hasSize(3 * 7);
    assertThat(logs.withMessagePrefix("task in child span"))
        .hasSize(3)
        .allSatisfy(
            line ->
                assertThat(line.mdc().get(SPAN_ID)).as(line.toString()).isEqualTo(parent(line)));
    List<String> warnings = warnings();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("before logctx started").contains(PROVIDER);
  }

  /** The lines of the application that name their current and their request's span. */
  private List<CapturedLog.Line> spanLines() {
    return logs.fromLogger("app").stream()
        .filter(line -> IDS.matcher(line.message()).find())
        .toList();
  }

  /** The messages of every WARN line, whatever its logger. */
  private List<String> warnings() {
    return logs.lines(line -> line.level().equals("WARN")).stream()
        .map(CapturedLog.Line::message)
        .toList();
  }

  /** Whether the line's trace keys name the span its message says was current. */
  private static boolean namesItsCurrentSpan(CapturedLog.Line line) {
    Matcher ids = ids(line);
    return ids.group(1).equals(line.mdc().get(TRACE_ID))
        && ids.group(2).equals(line.mdc().get(SPAN_ID));
  }

  private static String parent(CapturedLog.Line line) {
    return ids(line).group(3);
  }

  private static Matcher ids(CapturedLog.Line line) {
    Matcher ids = IDS.matcher(line.message());
    assertThat(ids.find()).as("ids in %s", line).isTrue();
    return ids;
  }
}
