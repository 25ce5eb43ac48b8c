package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The log lines the tests' code writes, as logback really formed them: the appender fixes each
 * event's MDC and thread name at the moment it is logged (logback reads the MDC lazily otherwise).
 * Only events of loggers under {@code dev.logctx} (and under the prefixes a test adds) are kept;
 * other framework logging is ignored.
 */
final class CapturedLog extends ListAppender<ILoggingEvent> {

  private final List<String> loggerPrefixes;

  private CapturedLog(List<String> loggerPrefixes) {
    this.loggerPrefixes = loggerPrefixes;
  }

  /** A started appender on the root logger. */
  static CapturedLog attachToRootLogger() {
    return attachToRootLogger(List.of());
  }

  /** A started appender on the root logger that also keeps the lines of loggers under these. */
  static CapturedLog attachToRootLogger(List<String> alsoLoggersUnder) {
    List<String> prefixes = new ArrayList<>(alsoLoggersUnder);
    prefixes.add("dev.logctx");
    CapturedLog log = new CapturedLog(List.copyOf(prefixes));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.setContext(root.getLoggerContext());
    log.setName("captured-" + System.identityHashCode(log));
    log.start();
    root.addAppender(log);
    return log;
  }

  /** Removes and stops the appender. */
  void detach() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(this);
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (loggerPrefixes.stream().noneMatch(event.getLoggerName()::startsWith)) {
      return;
    }
    event.prepareForDeferredProcessing(); // copies the MDC and the thread name now
    super.append(event);
  }

  /** Every kept event, in logging order. */
  List<ILoggingEvent> events() {
    synchronized (this) { // AppenderBase.doAppend holds this lock while appending
      return new ArrayList<>(list);
    }
  }

  /** The kept events whose formatted message is {@code message}. */
  List<ILoggingEvent> withMessage(String message) {
    List<ILoggingEvent> found = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      if (event.getFormattedMessage().equals(message)) {
        found.add(event);
      }
    }
    return found;
  }

  /** The kept events whose formatted message starts with {@code prefix}. */
  List<ILoggingEvent> withMessagePrefix(String prefix) {
    List<ILoggingEvent> found = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      if (event.getFormattedMessage().startsWith(prefix)) {
        found.add(event);
      }
    }
    return found;
  }

  /** The one event whose formatted message is {@code message}. */
  ILoggingEvent single(String message) {
    List<ILoggingEvent> found = withMessage(message);
    assertThat(found).as("log lines '%s' in %s", message, events()).hasSize(1);
    return found.get(0);
  }

  /** The MDC that the one line {@code message} carried. */
  Map<String, String> mdcOf(String message) {
    return single(message).getMDCPropertyMap();
  }

  /** The thread that logged the one line {@code message}. */
  String threadOf(String message) {
    return single(message).getThreadName();
  }
}
