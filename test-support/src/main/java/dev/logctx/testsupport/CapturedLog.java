package dev.logctx.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The log lines a test's code really writes, each with the MDC, the thread name, the level and the
 * logger of the moment it was logged: the tests of every module assert on these, not on the MDC
 * they read themselves.
 *
 * <p>It listens where the logging backend of the run delivers the events, on the root logger or on
 * the loggers it is given (and so on every logger below them), and copies each event on the thread
 * that logs it, before it returns to the code that logged: a backend that reads the MDC lazily (as
 * logback does for a plain {@code ListAppender}) would otherwise show the MDC of a later moment.
 * Two backends are served, chosen by the SLF4J binding of the run:
 *
 * <ul>
 *   <li><b>logback</b>, with logback's own MDC adapter or with logctx-logback's: an appender; the
 *       line's {@link Line#formatted() formatted} text is logback's pattern layout {@code [%thread]
 *       {%X} %msg} applied to the event;
 *   <li><b>JBoss LogManager</b> (Quarkus): a handler on the JUL logger; the MDC is the record's own
 *       copy, and {@code formatted} is the same shape composed from the record.
 * </ul>
 *
 * <p>Use it either way:
 *
 * <ul>
 *   <li>{@code try (CapturedLog log = CapturedLog.ofRootLogger().install()) { ... }};
 *   <li>{@code @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();}: installed
 *       before each test (with no line from an earlier one) and removed after it.
 * </ul>
 *
 * <p>Safe to use from many threads at once; {@link #awaitLines} waits for lines that other threads
 * log, without polling.
 */
public final class CapturedLog implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  /**
   * One log line as a reader of the log sees it.
   *
   * @param logger the logger's name
   * @param level the level's name as the backend names it ({@code "WARN"}, {@code "INFO"})
   * @param thread the name of the thread that logged it
   * @param message the message, its arguments filled in
   * @param mdc the MDC the line carried, in the backend's order; unmodifiable
   * @param throwable the attached throwable with its stack trace, empty when there is none
   * @param formatted the line in the pattern {@code [thread] {mdc} message}
   */
  public record Line(
      String logger,
      String level,
      String thread,
      String message,
      Map<String, String> mdc,
      String throwable,
      String formatted) {

    /** Copies {@code mdc}. */
    public Line {
      mdc = Collections.unmodifiableMap(new LinkedHashMap<>(mdc));
    }

    /** The {@code request_id} of the line's MDC; null when it has none. */
    public @Nullable String requestId() {
      return mdc.get("request_id");
    }

    /** The {@code user_id} of the line's MDC; null when it has none. */
    public @Nullable String userId() {
      return mdc.get("user_id");
    }

    /** Whether {@code text} appears in the line: its message, its thread, an MDC key or value. */
    public boolean mentions(String text) {
      if (message.contains(text) || thread.contains(text)) {
        return true;
      }
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey().contains(text) || String.valueOf(entry.getValue()).contains(text)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return formatted;
    }
  }

  /** Where a backend delivers the lines it captures. */
  interface Sink {
    void add(Line line);
  }

  /** A capture installed in a backend. */
  interface Installed {
    /** Removes the capture and restores what installing it changed. */
    void remove();
  }

  private final List<String> loggerNames;
  private final boolean atDebug;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final List<Line> lines = new ArrayList<>();
  private @Nullable Installed installed;

  private CapturedLog(List<String> loggerNames, boolean atDebug) {
    this.loggerNames = loggerNames;
    this.atDebug = atDebug;
  }

  /** A capture of every line that reaches the root logger; not installed yet. */
  public static CapturedLog ofRootLogger() {
    return new CapturedLog(List.of(org.slf4j.Logger.ROOT_LOGGER_NAME), false);
  }

  /**
   * A capture of the lines of these loggers and of every logger below them (by name: {@code
   * "dev.logctx"} holds {@code "dev.logctx.jaxrs.RequestIdFilter"}); not installed yet. A line of a
   * logger below two of them is captured twice.
   *
   * @throws IllegalArgumentException if no name is given
   */
  public static CapturedLog ofLoggers(String... loggerNames) {
    if (loggerNames.length == 0) {
      throw new IllegalArgumentException("name at least one logger");
    }
    return new CapturedLog(List.of(loggerNames), false);
  }

  /**
   * The same capture, which also sets its loggers to DEBUG while it is installed (and restores
   * their levels when it is removed), so that DEBUG lines below them are logged and captured.
   */
  public CapturedLog atDebug() {
    return new CapturedLog(loggerNames, true);
  }

  /**
   * Starts capturing, with no lines yet; {@link #close()} stops.
   *
   * @return this capture
   * @throws IllegalStateException if it is installed already, or when the run's SLF4J binding is
   *     neither logback nor the JBoss LogManager
   */
  public CapturedLog install() {
    lock.lock();
    try {
      if (installed != null) {
        throw new IllegalStateException("this capture is installed already");
      }
      lines.clear();
      Backend backend = backend();
      List<Installed> each = new ArrayList<>();
      Installed all =
          () -> {
            for (int i = each.size() - 1; i >= 0; i--) {
              each.get(i).remove();
            }
          };
      try {
        for (String name : loggerNames) {
          each.add(backend.install(name, atDebug, this::add));
        }
      } catch (RuntimeException | Error e) {
        all.remove(); // none half installed
        throw e;
      }
      installed = all;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Stops capturing and restores the levels it changed; the lines stay readable. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (installed != null) {
        installed.remove();
        installed = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private void add(Line line) {
    lock.lock();
    try {
      lines.add(line);
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Every line, in the order they were logged. */
  public List<Line> lines() {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  /** The lines that match {@code filter}, in the order they were logged. */
  public List<Line> lines(Predicate<Line> filter) {
    return lines().stream().filter(filter).toList();
  }

  /** The lines whose message is exactly {@code message}. */
  public List<Line> withMessage(String message) {
    return lines(line -> line.message().equals(message));
  }

  /** The lines whose message starts with {@code prefix}. */
  public List<Line> withMessagePrefix(String prefix) {
    return lines(line -> line.message().startsWith(prefix));
  }

  /** The lines of the logger named {@code logger} (not of the loggers below it). */
  public List<Line> fromLogger(String logger) {
    return lines(line -> line.logger().equals(logger));
  }

  /**
   * The one line whose message is exactly {@code message}.
   *
   * @throws AssertionError when there is none or more than one, naming every line captured
   */
  public Line line(String message) {
    List<Line> found = withMessage(message);
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " lines '" + message + "' where one was expected, among " + lines());
    }
    return found.get(0);
  }

  /** The MDC of the one line whose message is exactly {@code message}; see {@link #line}. */
  public Map<String, String> mdcOf(String message) {
    return line(message).mdc();
  }

  /** The thread of the one line whose message is exactly {@code message}; see {@link #line}. */
  public String threadOf(String message) {
    return line(message).thread();
  }

  /**
   * Waits until at least {@code count} lines match {@code filter}, woken by each line that is
   * logged.
   *
   * @return the matching lines, at least {@code count}
   * @throws AssertionError if fewer match when {@code timeout} has passed, naming the ones that do
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public List<Line> awaitLines(Predicate<Line> filter, int count, Duration timeout)
      throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        List<Line> found = lines.stream().filter(filter).toList();
        if (found.size() >= count) {
          return found;
        }
        if (left <= 0) {
          throw new AssertionError(
              found.size() + " lines matched after " + timeout + ", " + count + " expected: "
                  + found);
        }
        left = added.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The backend of this run: logback, or else the JBoss LogManager. */
  private static Backend backend() {
    String loggerClass =
        LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getClass().getName();
    if (loggerClass.equals("ch.qos.logback.classic.Logger")) {
      return LogbackCapture.BACKEND;
    }
    String logManager = java.util.logging.LogManager.getLogManager().getClass().getName();
    if (logManager.equals("org.jboss.logmanager.LogManager")) {
      return JbossCapture.BACKEND;
    }
    throw new IllegalStateException(
        "no log capture for this run: SLF4J's root logger is a "
            + loggerClass
            + " and the JUL log manager a "
            + logManager
            + "; logback or the JBoss LogManager is needed");
  }

  /** Installs a capture on one logger of a logging backend. */
  interface Backend {
    Installed install(String loggerName, boolean atDebug, Sink sink);
  }
}
