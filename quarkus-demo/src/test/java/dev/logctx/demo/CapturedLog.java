package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A log handler on the root logger that keeps every record of the application with the MDC it
 * carried when it was logged (copied in {@code publish}, on the logging thread, as a JSON or
 * console handler would print it).
 */
final class CapturedLog extends Handler implements AutoCloseable {
  /** One log line as a reader of the log would see it. */
  record Line(String logger, String thread, String message, Map<String, String> mdc) {
    String requestId() {
      return mdc.get("request_id");
    }

    String userId() {
      return mdc.get("user_id");
    }

    /** Whether {@code text} appears anywhere in the line: message, MDC keys or values. */
    boolean mentions(String text) {
      if (message.contains(text)) {
        return true;
      }
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey().contains(text) || entry.getValue().contains(text)) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  private CapturedLog() {}

  /** Starts collecting; {@link #close()} stops. */
  static CapturedLog install() {
    CapturedLog log = new CapturedLog();
    Logger.getLogger("").addHandler(log);
    return log;
  }

  @Override
  @SuppressWarnings("deprecation") // getFormattedMessage: the plain way to get the final text
  public void publish(LogRecord record) {
    Map<String, String> mdc = Map.of();
    String message = record.getMessage();
    String thread = "?";
    if (record instanceof ExtLogRecord) {
      ExtLogRecord ext = (ExtLogRecord) record;
      mdc = Map.copyOf(ext.getMdcCopy());
      message = ext.getFormattedMessage();
      thread = ext.getThreadName();
    }
    lines.add(new Line(record.getLoggerName(), thread, message == null ? "" : message, mdc));
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  List<Line> lines(Predicate<Line> filter) {
    return lines.stream().filter(filter).toList();
  }

  /** The follow-up lines ("follow-up: ...") logged so far. */
  List<Line> followUpLines() {
    return lines(line -> line.message().startsWith("follow-up: "));
  }

  /** The one line whose message is {@code message}; fails the test unless there is exactly one. */
  Line single(String message) {
    List<Line> found = lines(line -> line.message().equals(message));
    assertThat(found).as("lines '%s'", message).hasSize(1);
    return found.get(0);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
