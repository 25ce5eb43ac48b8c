package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
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
 * Collects what logback really writes during a test: each line formatted with a user's pattern
 * ({@code [thread] {mdc} message}) plus the MDC the event carried, copied when it was appended.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

  /** One log line as the user would read it, and the MDC it carried. */
  static final class Line {
    final String thread;
    final String message;
    final Map<String, String> mdc;
    final String formatted;
    final String level;
    final String logger;
    /** The attached throwable with its stack trace as logback prints it; empty when none. */
    final String throwable;

    Line(ILoggingEvent event, Map<String, String> mdc, String formatted) {
      this.thread = event.getThreadName();
      this.message = event.getFormattedMessage();
      this.mdc = mdc;
      this.formatted = formatted;
      this.level = event.getLevel().toString();
      this.logger = event.getLoggerName();
      this.throwable =
          event.getThrowableProxy() == null
              ? ""
              : ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public String toString() {
      return formatted;
    }
  }

  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
  private final Appender appender = new Appender();

  @Override
  public void beforeEach(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    PatternLayout layout = new PatternLayout();
    layout.setContext(root.getLoggerContext());
    layout.setPattern("[%thread] {%X} %msg");
    layout.start();
    appender.layout = layout;
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
  }

  /** All lines, in the order they were appended. */
  List<Line> all() {
    return new ArrayList<>(lines);
  }

  /** Every line of the logger named {@code logger}. */
  List<Line> fromLogger(String logger) {
    List<Line> found = new ArrayList<>();
    for (Line line : lines) {
      if (line.logger.equals(logger)) {
        found.add(line);
      }
    }
    return found;
  }

  /** Every line whose message is exactly {@code message}. */
  List<Line> withMessage(String message) {
    List<Line> found = new ArrayList<>();
    for (Line line : lines) {
      if (line.message.equals(message)) {
        found.add(line);
      }
    }
    return found;
  }

  /** The one line whose message is exactly {@code message}. */
  Line line(String message) {
    List<Line> found = withMessage(message);
    assertThat(found).as("log lines with message '%s' among %s", message, all()).hasSize(1);
    return found.get(0);
  }

  private final class Appender extends AppenderBase<ILoggingEvent> {
    PatternLayout layout;

    @Override
    protected void append(ILoggingEvent event) {
      Map<String, String> mdc = new HashMap<>(event.getMDCPropertyMap());
      lines.add(new Line(event, mdc, layout.doLayout(event)));
    }
  }
}
