package dev.logctx.demo.micronaut;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The demo as a user runs it: {@code java -jar target/logctx-micronaut-demo.jar} in a process of its
 * own, on a free port, its stdout read line by line. In the execution {@code
 * demo-with-logctx-logback} the process is started with {@code -Dslf4j.provider=...} as a user
 * switches logctx-logback on; in {@code demo-with-micrometer-context-propagation} with the jars of
 * {@code demo.extra.classpath} beside the demo's ({@code java -cp ... Application}).
 */
final class DemoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String READY_LOGGER = "dev.logctx.demo.micronaut.ReadyLine";
  private static final String MAIN_CLASS = "dev.logctx.demo.micronaut.Application";
  private static @Nullable DemoServer shared;

  private final Process process;
  private final StringBuilder stderr = new StringBuilder();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<LogLine> lines = new ArrayList<>();
  private final List<String> otherOutput = new ArrayList<>();
  private boolean ended;
  private final int port;

  private DemoServer(String jar, List<String> systemProperties) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dmicronaut.server.port=-1");
    String provider = System.getProperty("demo.slf4j.provider");
    if (provider != null && !provider.isBlank()) {
      command.add("-Dslf4j.provider=" + provider);
    }
    for (String property : systemProperties) {
      command.add("-D" + property);
    }
    String extra = System.getProperty("demo.extra.classpath");
    if (extra != null && !extra.isBlank()) {
      // the demo's jar and the jars this run adds, as a user adds them to the application's
      command.add("-cp");
      command.add(jar + File.pathSeparator + extra);
      command.add(MAIN_CLASS);
    } else {
      command.add("-jar");
      command.add(jar);
    }
    process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    Thread reader = new Thread(this::readStdout, "demo-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(this::readStderr, "demo-stderr-" + process.pid());
    errors.setDaemon(true);
    errors.start();
    List<LogLine> ready = awaitLines(line -> READY_LOGGER.equals(line.logger()), 1, START_TIMEOUT);
    port = Integer.parseInt(ready.get(0).keyValues().get("port"));
  }

  /** A server of its own, started with {@code -Dkey=value} for each entry; close it. */
  static DemoServer start(String... systemProperties) throws IOException {
    return startJar("demo.jar", systemProperties);
  }

  /**
   * A server of its own from the jar that the build names in the system property {@code
   * jarProperty}, started with {@code -Dkey=value} for each entry; close it.
   */
  static DemoServer startJar(String jarProperty, String... systemProperties) throws IOException {
    String jar =
        Objects.requireNonNull(System.getProperty(jarProperty), jarProperty + " is set by the build");
    return new DemoServer(jar, List.of(systemProperties));
  }

  /**
   * The server with the demo's own configuration, shared by the test classes of this run (each
   * tells its requests apart by their own ids); stopped when the test JVM exits.
   */
  static synchronized DemoServer shared() throws IOException {
    if (shared == null) {
      DemoServer server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-server-stop"));
      shared = server;
    }
    return shared;
  }

  int port() {
    return port;
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** Every JSON line so far. */
  List<LogLine> lines() {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  /** The lines from index {@code from} on (see {@link #lines()}{@code .size()}). */
  List<LogLine> linesFrom(int from) {
    lock.lock();
    try {
      return List.copyOf(lines.subList(from, lines.size()));
    } finally {
      lock.unlock();
    }
  }

  /** What stdout carried that was not a JSON line (none is expected). */
  List<String> otherOutput() {
    lock.lock();
    try {
      return List.copyOf(otherOutput);
    } finally {
      lock.unlock();
    }
  }

  /** What the process wrote on stderr so far. */
  String stderr() throws IOException {
    lock.lock();
    try {
      return stderr.toString();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits (bounded) until what the process wrote on stderr satisfies {@code done}, and returns it;
   * returns what there is when the time is up or the process ended.
   */
  String awaitStderr(Predicate<String> done, Duration timeout) {
    return await(stderr::toString, done, timeout);
  }

  /**
   * Reads {@code read} under the lock each time the process wrote a line, until {@code done}
   * accepts it, the time is up or the process ended; returns the last value read.
   */
  private <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        T value = read.get();
        long left = deadline - System.nanoTime();
        if (done.test(value) || ended || left <= 0) {
          return value;
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  private void readStderr() {
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String raw;
      while ((raw = err.readLine()) != null) {
        lock.lock();
        try {
          stderr.append(raw).append('\n');
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /**
   * Waits (bounded) until at least {@code count} lines match, and returns the matching lines; fails
   * when the time is up or the process ended.
   */
  List<LogLine> awaitLines(Predicate<LogLine> filter, int count, Duration timeout) {
    List<LogLine> found =
        await(() -> lines.stream().filter(filter).toList(), lines -> lines.size() >= count, timeout);
    if (found.size() < count) {
      throw new AssertionError(
          (isEnded() ? "the demo process ended" : "timed out")
              + ": "
              + found.size()
              + " of "
              + count
              + " lines; stderr: "
              + stderrOrReason());
    }
    return found;
  }

  private boolean isEnded() {
    lock.lock();
    try {
      return ended;
    } finally {
      lock.unlock();
    }
  }

  private String stderrOrReason() {
    try {
      return stderr();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void readStdout() {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String raw;
      while ((raw = out.readLine()) != null) {
        LogLine line = LogLine.parse(raw);
        lock.lock();
        try {
          if (line == null) {
            otherOutput.add(raw);
          } else {
            lines.add(line);
          }
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      // the process is gone; fall through
    } finally {
      lock.lock();
      try {
        ended = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
