package dev.logctx.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jspecify.annotations.Nullable;

/**
 * {@link CapturedLog} under the JBoss LogManager (Quarkus): a handler on each JUL logger, which
 * copies the record's MDC ({@link ExtLogRecord#getMdcCopy()}, taken on the logging thread) and
 * thread name. Loaded only when the JBoss LogManager is the run's JUL log manager.
 */
final class JbossCapture extends Handler {
  static final CapturedLog.Backend BACKEND = JbossCapture::install;

  private final CapturedLog.Sink sink;

  private JbossCapture(CapturedLog.Sink sink) {
    this.sink = sink;
  }

  /** A handler on the JUL logger {@code name} ("" for SLF4J's root), at DEBUG if asked. */
  private static CapturedLog.Installed install(String name, boolean atDebug, CapturedLog.Sink sink) {
    Logger logger = Logger.getLogger(name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? "" : name);
    @Nullable Level configured = logger.getLevel();
    JbossCapture handler = new JbossCapture(sink);
    logger.setLevel(atDebug ? Level.FINE : configured); // FINE: the JBoss LogManager's DEBUG
    logger.addHandler(handler);
    return () -> {
      logger.removeHandler(handler);
      logger.setLevel(configured);
    };
  }

  @Override
  @SuppressWarnings("deprecation") // getFormattedMessage: the plain way to get the final text
  public void publish(LogRecord record) {
    if (!(record instanceof ExtLogRecord ext)) {
      return; // not from the JBoss LogManager: no MDC to tell
    }
    String message = ext.getFormattedMessage();
    String text = message == null ? "" : message;
    Map<String, String> mdc = ext.getMdcCopy();
    String thread = ext.getThreadName();
    sink.add(
        new CapturedLog.Line(
            String.valueOf(ext.getLoggerName()),
            ext.getLevel().getName(),
            thread,
            text,
            mdc,
            stackTrace(ext.getThrown()),
            "[" + thread + "] {" + mdcText(mdc) + "} " + text));
  }

  private static String stackTrace(@Nullable Throwable thrown) {
    if (thrown == null) {
      return "";
    }
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String mdcText(Map<String, String> mdc) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(entry.getKey()).append('=').append(entry.getValue());
    }
    return text.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
