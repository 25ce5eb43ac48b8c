package dev.logctx.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * {@link CapturedLog} under logback: an appender on each logger, which fixes the event's MDC and
 * thread name on the logging thread ({@link ILoggingEvent#prepareForDeferredProcessing()}) before
 * it copies them. Loaded only when logback is the run's SLF4J binding.
 */
final class LogbackCapture extends AppenderBase<ILoggingEvent> {
  static final CapturedLog.Backend BACKEND = LogbackCapture::install;

  private static final String PATTERN = "[%thread] {%X} %msg";

  private final CapturedLog.Sink sink;
  private final PatternLayout layout = new PatternLayout();

  private LogbackCapture(CapturedLog.Sink sink, Logger logger) {
    this.sink = sink;
    setContext(logger.getLoggerContext());
    setName("captured-log-" + System.identityHashCode(this));
    layout.setContext(logger.getLoggerContext());
    layout.setPattern(PATTERN);
  }

  /** An appender on the logger {@code name}, at DEBUG if asked, until removed. */
  private static CapturedLog.Installed install(String name, boolean atDebug, CapturedLog.Sink sink) {
    Logger logger = (Logger) LoggerFactory.getLogger(name);
    @Nullable Level configured = logger.getLevel();
    LogbackCapture appender = new LogbackCapture(sink, logger);
    appender.layout.start();
    appender.start();
    if (atDebug) {
      logger.setLevel(Level.DEBUG);
    }
    logger.addAppender(appender);
    return () -> {
      logger.detachAppender(appender);
      if (atDebug) {
        logger.setLevel(configured);
      }
      appender.stop();
      appender.layout.stop();
    };
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing(); // the MDC and the thread name of this moment, kept
    sink.add(
        new CapturedLog.Line(
            event.getLoggerName(),
            event.getLevel().toString(),
            event.getThreadName(),
            event.getFormattedMessage(),
            event.getMDCPropertyMap(),
            event.getThrowableProxy() == null
                ? ""
                : ThrowableProxyUtil.asString(event.getThrowableProxy()),
            layout.doLayout(event)));
  }
}
