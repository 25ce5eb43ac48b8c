package dev.logctx.testsupport;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the log lines of traced orders carried, path by path: for each line, whether its trace id
 * (under a given MDC key) is its own order's, absent, another order's, or one no order was sent
 * with, and whether its span id is a span of its trace. The demos' traced tests fill it from real
 * log lines and either assert that nothing went wrong (with logctx-opentelemetry) or print it and
 * compare it with the figures measured without it (the negative controls).
 */
public final class TraceFigures {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** What one line carried. */
  public enum Outcome {
    /** Its own order's trace id, and a span id of that trace (when spans are known). */
    OWN,
    /** No trace id at all. */
    LOST,
    /** The trace id of another order of the same round: a stale or foreign one. */
    FOREIGN,
    /** A trace id that no order of the round was sent with (a fresh trace the line started). */
    UNRELATED,
    /**
     * Its own trace id, but a span id that is not a finished span of that trace, or not the span
     * that was current when the line was logged (where the test knows it), or none.
     */
    WRONG_SPAN
  }

  private final String traceKey;
  private final String spanKey;
  private final Set<String> roundTraceIds;
  private final @Nullable Map<String, Set<String>> spansByTrace;
  private final Map<String, Map<Outcome, Integer>> byPath = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * Figures for one round of orders.
   *
   * @param traceKey the MDC key of the trace id ({@code trace_id}, or Quarkus's {@code traceId})
   * @param spanKey the MDC key of the span id
   * @param roundTraceIds the trace ids the round's orders were sent with
   * @param spansByTrace the span ids of each trace that the tracer finished, or null when the test
   *     cannot know them (span ids are then not checked)
   */
  public TraceFigures(
      String traceKey,
      String spanKey,
      Set<String> roundTraceIds,
      @Nullable Map<String, Set<String>> spansByTrace) {
    this.traceKey = traceKey;
    this.spanKey = spanKey;
    this.roundTraceIds = Set.copyOf(roundTraceIds);
    this.spansByTrace = spansByTrace;
  }

  /**
   * A fresh W3C {@code traceparent} value, sampled.
   *
   * @return {@code 00-<32 hex trace id>-<16 hex span id>-01}
   */
  public static String newTraceparent() {
    return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
  }

  /**
   * The trace id of a {@code traceparent} value.
   *
   * @param traceparent a value as {@link #newTraceparent()} makes them
   * @return its 32 hex digits of trace id
   */
  public static String traceIdOf(String traceparent) {
    return traceparent.substring(3, 35);
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HEX.formatHex(id);
  }

  /**
   * Counts one line of an order.
   *
   * @param path the path that logged it (its message without the order's id)
   * @param ownTraceId the trace id its order was sent with
   * @param mdc the MDC the line carried
   * @param line the line as text, for the problem list
   * @return what it carried
   */
  public Outcome add(String path, String ownTraceId, Map<String, String> mdc, String line) {
    return add(path, ownTraceId, mdc, null, line);
  }

  /**
   * Counts one line of an order whose current span at logging time the test knows.
   *
   * @param path the path that logged it (its message without the order's id)
   * @param ownTraceId the trace id its order was sent with
   * @param mdc the MDC the line carried
   * @param currentSpanId the id of the span that was current on the logging thread when the line
   *     was logged ({@code 0000000000000000} for none), or null when the test does not know it
   * @param line the line as text, for the problem list
   * @return what it carried
   */
  public Outcome add(
      String path,
      String ownTraceId,
      Map<String, String> mdc,
      @Nullable String currentSpanId,
      String line) {
    Outcome outcome = outcome(ownTraceId, mdc, currentSpanId);
    byPath.computeIfAbsent(path, p -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
    if (outcome != Outcome.OWN) {
      problems.add(
          outcome
              + " (own trace "
              + ownTraceId
              + (currentSpanId == null ? "" : ", span current at logging " + currentSpanId)
              + "): "
              + line);
    }
    return outcome;
  }

  private Outcome outcome(
      String ownTraceId, Map<String, String> mdc, @Nullable String currentSpanId) {
    String traceId = mdc.get(traceKey);
    if (traceId == null || traceId.isEmpty()) {
      return Outcome.LOST;
    }
    if (!traceId.equals(ownTraceId)) {
      return roundTraceIds.contains(traceId) ? Outcome.FOREIGN : Outcome.UNRELATED;
    }
    String spanId = mdc.get(spanKey);
    if (spanId == null) {
      return Outcome.WRONG_SPAN;
    }
    if (spansByTrace != null && !spansByTrace.getOrDefault(traceId, Set.of()).contains(spanId)) {
      return Outcome.WRONG_SPAN;
    }
    if (currentSpanId != null && !currentSpanId.equals(spanId)) {
      return Outcome.WRONG_SPAN;
    }
    return Outcome.OWN;
  }

  /**
   * How many lines of {@code path} had {@code outcome}.
   *
   * @param path a path given to {@link #add}
   * @param outcome the outcome
   * @return the count, 0 for a path never seen
   */
  public int count(String path, Outcome outcome) {
    return byPath.getOrDefault(path, Map.of()).getOrDefault(outcome, 0);
  }

  /**
   * The figures as a compact map, path to its non-zero outcomes, e.g. {@code {"follow-up: task" =
   * "OWN=100"}}: what a negative control compares with the figures it measured.
   *
   * @return path to outcomes, in the order the paths were first seen
   */
  public Map<String, String> summary() {
    Map<String, String> summary = new LinkedHashMap<>();
    byPath.forEach(
        (path, counts) -> {
          StringBuilder text = new StringBuilder();
          counts.forEach(
              (outcome, count) ->
                  text.append(text.length() == 0 ? "" : " ").append(outcome).append('=').append(count));
          summary.put(path, text.toString());
        });
    return Collections.unmodifiableMap(summary);
  }

  /**
   * Every line that was not {@link Outcome#OWN}, with its outcome.
   *
   * @return the problems, in the order they were added
   */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /**
   * A table for the test output: one row per path with its counts.
   *
   * @param title the first line
   * @return the table
   */
  public String table(String title) {
    StringBuilder out = new StringBuilder(title).append('\n');
    byPath.forEach(
        (path, counts) -> {
          out.append(String.format(Locale.ROOT, "  %-34s", path));
          for (Outcome outcome : Outcome.values()) {
            out.append(String.format(Locale.ROOT, " %s %3d", outcome, counts.getOrDefault(outcome, 0)));
          }
          out.append('\n');
        });
    return out.toString();
  }
}
