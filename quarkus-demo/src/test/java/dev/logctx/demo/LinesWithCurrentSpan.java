package dev.logctx.demo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line with the MDC it carried and the span that was current on the logging thread when
 * it was logged ({@code Span.current()}, read in the handler, which runs on that thread): so a test
 * can tell whether the span id in the MDC is the span the code was really running in.
 */
final class LinesWithCurrentSpan extends Handler implements AutoCloseable {
  /**
   * One line.
   *
   * @param logger the logger's name
   * @param thread the logging thread's name
   * @param message the message, its arguments filled in
   * @param mdc the MDC the line carried
   * @param currentTraceId the trace id of the span current at logging (all zeros for none)
   * @param currentSpanId the span id of the span current at logging (all zeros for none)
   */
  record Line(
      String logger,
      String thread,
      String message,
      Map<String, String> mdc,
      String currentTraceId,
      String currentSpanId) {

    String requestId() {
      return mdc.get("request_id");
    }

    @Override
    public String toString() {
      return "[" + thread + "] " + mdc + " current " + currentTraceId + "/" + currentSpanId + " " + message;
    }
  }

  private final Logger root = Logger.getLogger("");
  private final List<Line> lines = new ArrayList<>();

  private LinesWithCurrentSpan() {}

  /** Starts collecting the root logger's lines; close to stop. */
  static LinesWithCurrentSpan install() {
    LinesWithCurrentSpan handler = new LinesWithCurrentSpan();
    handler.root.addHandler(handler);
    return handler;
  }

  @Override
  @SuppressWarnings("deprecation") // getFormattedMessage: the plain way to get the final text
  public void publish(LogRecord record) {
    if (!(record instanceof ExtLogRecord ext)) {
      return;
    }
    SpanContext current = Span.current().getSpanContext();
    String message = ext.getFormattedMessage();
    Line line =
        new Line(
            String.valueOf(ext.getLoggerName()),
            ext.getThreadName(),
            message == null ? "" : message,
            Map.copyOf(ext.getMdcCopy()),
            current.getTraceId(),
            current.getSpanId());
    synchronized (lines) {
      lines.add(line);
    }
  }

  /** The lines so far that match {@code filter}. */
  List<Line> lines(Predicate<Line> filter) {
    synchronized (lines) {
      return lines.stream().filter(filter).toList();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
