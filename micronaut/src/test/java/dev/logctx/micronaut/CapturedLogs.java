package dev.logctx.micronaut;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects the log events of the test loggers ({@code dev.logctx}) with the MDC each really
 * carried, the thread and the formatted message, so a test asserts on what a log line shows.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One captured line. */
  record Line(String message, Map<String, String> mdc, String thread) {
    String requestId() {
      return mdc.get("request_id");
    }
  }

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.logctx");
  private final Level previousLevel = logger.getLevel();

  static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    logs.setContext(logs.logger.getLoggerContext());
    logs.start();
    logs.logger.setLevel(Level.DEBUG);
    logs.logger.addAppender(logs);
    return logs;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    lines.add(
        new Line(
            event.getFormattedMessage(),
            Map.copyOf(event.getMDCPropertyMap()),
            event.getThreadName()));
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The one line whose message is {@code message}; fails when there is none or more. */
  Line line(String message) {
    List<Line> found = lines.stream().filter(l -> l.message().equals(message)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one line '" + message + "', got " + found + " among " + lines);
    }
    return found.get(0);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    logger.setLevel(previousLevel);
    stop();
  }
}
