package dev.logctx.opentelemetry.scenario;

import dev.logctx.ContextualExecutors;
import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.context.SmallRyeManagedExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-Java user application traced with the OpenTelemetry SDK (spans go to an in-memory
 * exporter): each "request" runs in a span of its own, logs, and hands work to one of the paths of
 * {@link Path}; the work logs, starts a child span, logs inside it and after it. The same code runs
 * with logctx-opentelemetry on the class path and without it (the negative controls), and {@link
 * #tally} counts what went wrong on the captured lines and the exported spans.
 *
 * <p>Every pool is a single reused thread, so a key left behind by one task shows on the next.
 */
public final class TracedUserApp implements AutoCloseable {

  /** The MDC keys the lines are checked for (the defaults of logctx-opentelemetry). */
  public static final String TRACE_ID = "trace_id";

  /** See {@link #TRACE_ID}. */
  public static final String SPAN_ID = "span_id";

  /** See {@link #TRACE_ID}. */
  public static final String TRACE_FLAGS = "trace_flags";

  /** The handoffs a request uses. */
  public enum Path {
    /** {@code ContextualExecutors.wrap(executor).submit(task)}. */
    WRAPPED_EXECUTOR,
    /** {@code ContextualTasks.createTaskWithContext(task, name, executor)} and a dependent stage. */
    CREATE_TASK_WITH_CONTEXT,
    /** {@code ContextualTasks.withContextCapture(future)} and an async dependent stage. */
    CONTEXTUAL_FUTURE,
    /** A SmallRye {@code ManagedExecutor} with logctx's MicroProfile provider. */
    MANAGED_EXECUTOR
  }

  private static final Logger log = LoggerFactory.getLogger("app");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer =
      OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build().getTracer("app");

  private final ExecutorService rawPool = Executors.newSingleThreadExecutor();
  private final ExecutorService wrappedPool = ContextualExecutors.wrap(rawPool);
  private final ExecutorService managedPool = Executors.newSingleThreadExecutor();
  private final ManagedExecutor managed =
      ((SmallRyeManagedExecutor.Builder) ManagedExecutor.builder())
          .withExecutorService(managedPool)
          .propagated(ThreadContext.ALL_REMAINING)
          .cleared()
          .build();

  /** request id -> the request span's context. */
  private final Map<String, SpanContext> requests = new ConcurrentHashMap<>();

  /** Whether the request binds its span's ids into the MDC by hand, as a filter of its own would. */
  private final boolean idsBoundByHand;

  /**
   * The application.
   *
   * @param idsBoundByHand whether each request puts its span's ids into the MDC itself
   */
  public TracedUserApp(boolean idsBoundByHand) {
    this.idsBoundByHand = idsBoundByHand;
  }

  /**
   * One request: a span, a line in it, work handed over on {@code path}, waited for.
   *
   * @param requestId the request's id (under {@code request_id} in the MDC)
   * @param path the handoff
   * @throws Exception when the work fails
   */
  public void request(String requestId, Path path) throws Exception {
    Span span = tracer.spanBuilder("request " + requestId).startSpan();
    requests.put(requestId, span.getSpanContext());
    try (io.opentelemetry.context.Scope current = span.makeCurrent();
        Scope id = LogContext.bind(byHand(requestId, span))) {
      logHere("request");
      handOver(path).get(30, TimeUnit.SECONDS); // waits: the request span stays open meanwhile
      logHere("request after work");
    } finally {
      span.end();
    }
  }

  private Map<String, String> byHand(String requestId, Span span) {
    Map<String, String> entries = new HashMap<>();
    entries.put("request_id", requestId);
    if (idsBoundByHand) {
      entries.put(TRACE_ID, span.getSpanContext().getTraceId());
      entries.put(SPAN_ID, span.getSpanContext().getSpanId());
    }
    return entries;
  }

  private Future<?> handOver(Path path) {
    switch (path) {
      case WRAPPED_EXECUTOR:
        return wrappedPool.submit(this::work);
      case CREATE_TASK_WITH_CONTEXT:
        return ContextualTasks.createTaskWithContext(this::work, "traced-task", rawPool)
            .thenApplyAsync(
                done -> {
                  logHere("stage");
                  return done;
                },
                rawPool);
      case CONTEXTUAL_FUTURE:
        return ContextualTasks.withContextCapture(CompletableFuture.supplyAsync(() -> 1, rawPool))
            .thenApplyAsync(one -> work(), rawPool);
      case MANAGED_EXECUTOR:
        return managed.supplyAsync(this::work);
      default:
        throw new IllegalArgumentException(path.toString());
    }
  }

  /** The handed-over work: a line, a child span with a line in it, a line after it. */
  private Boolean work() {
    logHere("task");
    Span child = tracer.spanBuilder("task-child").startSpan();
    try (io.opentelemetry.context.Scope current = child.makeCurrent()) {
      logHere("task in child span");
    } finally {
      child.end();
    }
    logHere("task after child span");
    return Boolean.TRUE;
  }

  /** Logs {@code what} with the span current now, as the line's message says it. */
  private static void logHere(String what) {
    SpanContext now = Span.current().getSpanContext();
    log.info("{} current={}/{}", what, now.getTraceId(), now.getSpanId());
  }

  /**
   * Logs one line on each pooled thread from a task that no logctx wrapper runs: it must carry no
   * trace key, or a key was left behind.
   *
   * @throws Exception when a probe fails
   */
  public void probePooledThreads() throws Exception {
    for (ExecutorService pool : List.of(rawPool, managedPool)) {
      pool.submit(() -> log.info("probe")).get(30, TimeUnit.SECONDS);
    }
  }

  /** What went wrong, counted over the captured lines and the exported spans. */
  public record Tally(
      int lines, int lost, int wrong, int spanMismatch, int stale, int orphanSpans, int taskSpans) {

    /** Whether nothing went wrong. */
    public boolean clean() {
      return lost == 0 && wrong == 0 && spanMismatch == 0 && stale == 0 && orphanSpans == 0;
    }
  }

  /**
   * Counts, over {@code log}: lines of a request without its trace id (lost), with another trace id
   * (wrong), whose span id is not the span current when they were logged (spanMismatch), probe
   * lines with a trace key (stale); and child spans not parented to their request's span.
   *
   * @param log the captured lines
   * @return the counts
   */
  public Tally tally(CapturedLog log) {
    int lines = 0;
    int lost = 0;
    int wrong = 0;
    int spanMismatch = 0;
    int stale = 0;
    for (CapturedLog.Line line : log.fromLogger("app")) {
      Map<String, String> mdc = line.mdc();
      if (line.message().equals("probe")) {
        if (mdc.containsKey(TRACE_ID) || mdc.containsKey(SPAN_ID) || mdc.containsKey(TRACE_FLAGS)) {
          stale++;
        }
        continue;
      }
      lines++;
      SpanContext request = requests.get(line.requestId());
      String traceId = mdc.get(TRACE_ID);
      if (request == null || traceId == null) {
        lost++;
      } else if (!traceId.equals(request.getTraceId())) {
        wrong++;
      }
      String current = line.message().substring(line.message().indexOf("current=") + 8);
      String[] ids = current.split("/");
      boolean inSpan = !ids[0].equals(SpanContext.getInvalid().getTraceId());
      String spanId = mdc.get(SPAN_ID);
      if (inSpan ? !ids[1].equals(spanId) || !ids[0].equals(traceId) : spanId != null) {
        spanMismatch++;
      }
    }
    int orphans = 0;
    int taskSpans = 0;
    Map<String, SpanContext> byTrace = new HashMap<>();
    requests.values().forEach(r -> byTrace.put(r.getTraceId(), r));
    for (SpanData span : exporter.getFinishedSpanItems()) {
      if (!span.getName().equals("task-child")) {
        continue;
      }
      taskSpans++;
      SpanContext request = byTrace.get(span.getTraceId());
      if (request == null || !request.getSpanId().equals(span.getParentSpanId())) {
        orphans++;
      }
    }
    return new Tally(lines, lost, wrong, spanMismatch, stale, orphans, taskSpans);
  }

  /** The request ids seen so far. */
  public List<String> requestIds() {
    return new ArrayList<>(requests.keySet());
  }

  @Override
  public void close() {
    managed.shutdownNow();
    rawPool.shutdownNow();
    managedPool.shutdownNow();
    tracerProvider.close();
  }
}
