package dev.logctx.demo.jakartaee;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Every line the server printed, as they come: the demo's JSON lines parsed, the server's own
 * lines (not JSON) kept as text. Tests wait on it with a bounded wait, woken by each new line.
 */
final class ServerLog {
  private final List<String> raw = new ArrayList<>();
  private final List<LogLine> json = new ArrayList<>();
  private boolean closed;

  /** Adds one line of output. */
  synchronized void add(String line) {
    raw.add(line);
    if (line.startsWith("{")) {
      try (JsonReader reader = Json.createReader(new StringReader(line))) {
        JsonObject object = reader.readObject();
        @Nullable LogLine parsed = LogLine.of(object);
        if (parsed != null) {
          json.add(parsed);
        }
      } catch (JsonException | IllegalStateException e) {
        // a line of the server that starts with a brace: text only
      }
    }
    notifyAll();
  }

  /** The output ended (the process exited). */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Where the log is now: lines after this mark are the ones a test caused. */
  synchronized Mark mark() {
    return new Mark(raw.size(), json.size());
  }

  /** The JSON lines since {@code mark}. */
  synchronized List<LogLine> jsonSince(Mark mark) {
    return List.copyOf(json.subList(mark.json(), json.size()));
  }

  /** The text lines since {@code mark}. */
  synchronized List<String> rawSince(Mark mark) {
    return List.copyOf(raw.subList(mark.raw(), raw.size()));
  }

  /** Every text line so far. */
  synchronized List<String> raw() {
    return List.copyOf(raw);
  }

  /**
   * Waits until at least {@code count} JSON lines since {@code mark} match {@code which}.
   *
   * @return the matching lines
   * @throws TimeoutException if they did not come within {@code timeout}, or the process ended
   */
  synchronized List<LogLine> await(Mark mark, Predicate<LogLine> which, int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<LogLine> matching = new ArrayList<>();
      for (LogLine line : json.subList(mark.json(), json.size())) {
        if (which.test(line)) {
          matching.add(line);
        }
      }
      if (matching.size() >= count) {
        return matching;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closed) {
        throw new TimeoutException(
            "expected " + count + " matching log lines, got " + matching.size() + ": " + matching);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /**
   * Waits until a text line matches {@code which}.
   *
   * @throws TimeoutException if none did within {@code timeout}, or the process ended first
   */
  synchronized void awaitRaw(Predicate<String> which, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < raw.size(); seen++) {
        if (which.test(raw.get(seen))) {
          return;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closed) {
        throw new TimeoutException(closed ? "the server process ended" : "timed out after " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** A position in the log. */
  record Mark(int raw, int json) {}
}
