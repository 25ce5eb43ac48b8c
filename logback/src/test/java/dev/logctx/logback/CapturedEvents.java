package dev.logctx.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What logback really writes during a test: each event formatted with a user's pattern, {@code
 * [%thread] {%X} %msg}, and the MDC the event carried, copied when it was appended.
 */
final class CapturedEvents implements BeforeEachCallback, AfterEachCallback {

  /** One line as the user reads it, and the MDC of its event. */
  static final class Line {
    final String message;
    final String formatted;
    final Map<String, String> mdc;

    Line(String message, String formatted, Map<String, String> mdc) {
      this.message = message;
      this.formatted = formatted;
      this.mdc = mdc;
    }

    @Override
    public String toString() {
      return formatted;
    }
  }

  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
  private final Appender appender = new Appender();

  static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  static LoggerContext context() {
    return root().getLoggerContext();
  }

  @Override
  public void beforeEach(ExtensionContext extension) {
    appender.layout = layout("[%thread] {%X} %msg");
    appender.setContext(context());
    appender.start();
    root().addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    root().detachAppender(appender);
    appender.stop();
  }

  static PatternLayout layout(String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context());
    layout.setPattern(pattern);
    layout.start();
    return layout;
  }

  List<Line> all() {
    return new ArrayList<>(lines);
  }

  Line line(String message) {
    List<Line> found = new ArrayList<>();
    for (Line line : lines) {
      if (line.message.equals(message)) {
        found.add(line);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError("not one line '" + message + "' among " + all());
    }
    return found.get(0);
  }

  private final class Appender extends AppenderBase<ILoggingEvent> {
    PatternLayout layout;

    @Override
    protected void append(ILoggingEvent event) {
      lines.add(
          new Line(
              event.getFormattedMessage(),
              layout.doLayout(event),
              new HashMap<>(event.getMDCPropertyMap())));
    }
  }
}
