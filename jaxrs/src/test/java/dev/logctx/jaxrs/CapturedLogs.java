package dev.logctx.jaxrs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the test (DEBUG and up, all loggers) with the MDC it really carried
 * and the formatted message, so a test can assert on what a log line would show.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One captured line: its message and its MDC. */
  record Line(String message, Map<String, String> mdc) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level previousLevel = root.getLevel();

  static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    logs.setContext(logs.root.getLoggerContext());
    logs.attach();
    return logs;
  }

  private void attach() {
    start();
    root.setLevel(Level.DEBUG);
    root.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(previousLevel);
    stop();
  }
}
