package dev.logctx.demo.micronaut;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spans a demo process finished, read from its stderr: started with {@code
 * -Dotel.traces.exporter=logging}, OpenTelemetry's logging exporter writes one line per finished
 * span, {@code 'name' : <trace id> <span id> KIND [tracer: ...] ...}.
 */
final class FinishedSpans {
  private static final Pattern SPAN =
      Pattern.compile("'([^'\\n]*)' : ([0-9a-f]{32}) ([0-9a-f]{16}) [A-Z]+ \\[tracer: ");

  private FinishedSpans() {}

  /** The span ids of each trace in {@code stderr}. */
  static Map<String, Set<String>> in(String stderr) {
    Map<String, Set<String>> byTrace = new HashMap<>();
    Matcher span = SPAN.matcher(stderr);
    while (span.find()) {
      byTrace.computeIfAbsent(span.group(2), t -> new HashSet<>()).add(span.group(3));
    }
    return byTrace;
  }

  /** The names of the spans of each trace in {@code stderr}. */
  static Map<String, Set<String>> namesIn(String stderr) {
    Map<String, Set<String>> byTrace = new HashMap<>();
    Matcher span = SPAN.matcher(stderr);
    while (span.find()) {
      byTrace.computeIfAbsent(span.group(2), t -> new HashSet<>()).add(span.group(1));
    }
    return byTrace;
  }

  /**
   * Waits (bounded) until {@code server} finished every span of {@code wanted}, and returns the
   * span ids of each trace then known; what is known when the time is up (the caller's figures then
   * name the lines whose span never finished).
   */
  static Map<String, Set<String>> awaitAll(DemoServer server, Set<String> wanted) {
    Set<String> missing = new HashSet<>(wanted);
    int[] parsed = {0}; // stderr only grows: each check reads the complete lines added since the last
    String stderr =
        server.awaitStderr(
            text -> {
              int end = text.lastIndexOf('\n') + 1;
              if (end > parsed[0]) {
                in(text.substring(parsed[0], end)).values().forEach(missing::removeAll);
                parsed[0] = end;
              }
              return missing.isEmpty();
            },
            Duration.ofSeconds(30));
    return in(stderr);
  }
}
