package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.TraceFigures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A round of orders sent at once to a running server, each with a {@code traceparent} of its own,
 * and what their lines carried: the figures per path, the spans the WAR's tracer finished (its
 * {@code SpanLines}, on with {@code -Dlogctx.demo.log-spans=true}), and the lines lost to Payara's
 * race (no MDC at all, only through the server's own context service).
 *
 * @param traceOfId the trace id each order was sent with, by request id
 * @param figures what the lines that carry a request id of the round carried
 * @param spanNamesByTrace the names of the finished spans of each trace
 * @param raceLost lines of the round's messages without any MDC
 * @param earlyTraceIds the {@code trace_id} of each line of the early filter ({@code
 *     EarlyRequestFilter}, before logctx's {@code RequestIdFilter}) during the round, null where a
 *     line had none: there only the span that the WAR's {@code TracingFilter} made current can have
 *     put it, so these show whether logctx's storage wrapper is on the WAR's OpenTelemetry
 */
record TracedOrders(
    Map<String, String> traceOfId,
    TraceFigures figures,
    Map<String, Set<String>> spanNamesByTrace,
    int raceLost,
    List<@Nullable String> earlyTraceIds) {
  /** The start of each line of the WAR's span log. */
  static final String SPAN_ENDED = "span ended ";

  private static final Duration LINES_TIMEOUT = Duration.ofSeconds(120);

  /** Sends {@code orders} traced orders to {@code running}'s server at once and reads their lines. */
  static TracedOrders place(RunningServer running, String tag, int orders) throws Exception {
    ServerProcess server = running.server;
    ServerLog.Mark mark = server.log().mark();
    Map<String, String> traceOfId = new HashMap<>();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String id = running.name() + "-" + tag + "-" + i;
      String traceparent = TraceFigures.newTraceparent();
      traceOfId.put(id, TraceFigures.traceIdOf(traceparent));
      sent.add(running.order(id, tag + "-user-" + i, traceparent));
    }
    for (CompletableFuture<HttpResponse<String>> response : sent) {
      assertThat(response.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }
    Set<String> messages = running.orderMessages();
    List<LogLine> lines =
        server
            .log()
            .await(
                mark,
                line ->
                    messages.contains(line.message())
                        && (line.requestId() == null || traceOfId.containsKey(line.requestId())),
                orders * messages.size(),
                LINES_TIMEOUT);
    awaitSpansOf(server, mark, lines);
    Map<String, Set<String>> spanIds = new HashMap<>();
    Map<String, Set<String>> spanNames = new HashMap<>();
    List<@Nullable String> earlyTraceIds = new ArrayList<>();
    for (LogLine line : server.log().jsonSince(mark)) {
      if (line.message().equals(RequestThreadLeftovers.EARLY_LINE)) {
        earlyTraceIds.add(line.mdc().get("trace_id"));
      }
      if (line.message().startsWith(SPAN_ENDED)) {
        String[] parts = line.message().substring(SPAN_ENDED.length()).split(" ", 3);
        spanIds.computeIfAbsent(parts[0], t -> new HashSet<>()).add(parts[1]);
        spanNames.computeIfAbsent(parts[0], t -> new HashSet<>()).add(parts.length > 2 ? parts[2] : "");
      }
    }
    TraceFigures figures =
        new TraceFigures("trace_id", "span_id", Set.copyOf(traceOfId.values()), spanIds);
    int raceLost = 0;
    for (LogLine line : lines) {
      String id = line.requestId();
      if (id == null) {
        @Nullable FollowUp followUp = line.followUp();
        assertThat(followUp != null && OrderServiceContract.PROVIDER_PATHS.contains(followUp))
            .as("only a path through the server's context service may lose the MDC: " + line)
            .isTrue();
        assertThat(line.mdc()).as("a line lost to the race has no trace either: " + line).isEmpty();
        raceLost++;
        continue;
      }
      figures.add(line.message(), traceOfId.get(id), line.mdc(), line.toString());
    }
    TracedOrders round = new TracedOrders(traceOfId, figures, spanNames, raceLost, earlyTraceIds);
    System.out.print(figures.table("[" + running.name() + "] trace_id / span_id, " + orders + " traced orders"));
    System.out.printf(
        "[%s] traced orders: %d line(s) lost to the server's race; %d of %d traces reached the inventory;"
            + " early filter: %d line(s), %d with a trace_id of the round, %d of the round's traces%n",
        running.name(), raceLost, round.tracesReachingTheInventory(), orders, earlyTraceIds.size(),
        earlyTraceIds.stream().filter(traceOfId.values()::contains).count(),
        earlyTraceIds.stream().filter(traceOfId.values()::contains).distinct().count());
    return round;
  }

  /**
   * How many of the round's traces have the server span of {@code GET /inventory/...}: the
   * inventory call, made on a managed executor's thread, forwarded the order's trace.
   */
  int tracesReachingTheInventory() {
    return (int)
        traceOfId.values().stream()
            .filter(
                trace ->
                    spanNamesByTrace.getOrDefault(trace, Set.of()).stream()
                        .anyMatch(name -> name.startsWith("GET /inventory/")))
            .count();
  }

  /** Waits (bounded) until the span named in each line's MDC has ended. */
  private static void awaitSpansOf(ServerProcess server, ServerLog.Mark mark, List<LogLine> lines)
      throws InterruptedException {
    Set<String> wanted = new HashSet<>();
    lines.forEach(
        line -> {
          String span = line.mdc().get("span_id");
          if (span != null) {
            wanted.add(span);
          }
        });
    try {
      server.log().await(
          mark,
          line -> line.message().startsWith(SPAN_ENDED) && wanted.contains(spanIdOf(line)),
          wanted.size(),
          Duration.ofSeconds(30));
    } catch (TimeoutException e) {
      // the figures then name each line whose span never ended
    }
  }

  private static String spanIdOf(LogLine spanLine) {
    String[] parts = spanLine.message().substring(SPAN_ENDED.length()).split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }
}
