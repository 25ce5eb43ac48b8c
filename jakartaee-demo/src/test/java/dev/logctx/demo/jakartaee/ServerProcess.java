package dev.logctx.demo.jakartaee;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A server (Payara Micro, WildFly) started as a child process on a free port. Its output goes to {@code
 * target/<name>-server.log} and into a {@link ServerLog}. {@link #close()} stops the whole process
 * tree; a shutdown hook does it too if the test JVM ends first.
 */
final class ServerProcess implements AutoCloseable {
  /** How long a start may take: two shared cores are slow. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final Thread shutdownHook;
  private final ServerLog log = new ServerLog();
  private final int port;
  private final Path logFile;
  private final long startMillis;

  private ServerProcess(IntFunction<List<String>> command, String name) throws IOException {
    this.port = freePort();
    this.logFile = logFileOf(name);
    List<String> full = command.apply(port);
    this.startMillis = System.currentTimeMillis();
    this.process =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .directory(logFile.getParent().toFile())
            .start();
    this.shutdownHook = new Thread(this::destroyTree, name + "-stopper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    PrintWriter file =
        new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
    file.println("# " + String.join(" ", full));
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  file.println(line);
                  log.add(line);
                }
              } catch (IOException e) {
                file.println("# output ended: " + e);
              } finally {
                file.close();
                log.close();
              }
            },
            name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the command made for a free HTTP port, waits until the server prints a line that
   * {@code ready} accepts and {@code GET /health} answers 200. Stops it again if that fails.
   */
  static ServerProcess start(IntFunction<List<String>> command, Predicate<String> ready, String name)
      throws Exception {
    try {
      return startOnce(command, ready, name);
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof TimeoutException)) {
        throw e;
      }
      // Seen once here (Payara Micro 7.2025.1 on JDK 25, 2 cores): the server hung while its
      // embedded Hazelcast started and never deployed. That is the server's start-up, not what the
      // tests measure, so a start that times out (or a process that ends before it is ready) gets
      // one more try; the first one's log is kept beside the second's.
      Path hung = logFileOf(name);
      Path kept = hung.resolveSibling(name + "-server-hung-start.log");
      Files.copy(hung, kept, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf(
          "[%s] did not start within %s (log kept as %s); starting it once more%n",
          name, START_TIMEOUT, kept);
      return startOnce(command, ready, name);
    }
  }

  private static ServerProcess startOnce(
      IntFunction<List<String>> command, Predicate<String> ready, String name) throws Exception {
    ServerProcess server = new ServerProcess(command, name);
    try {
      server.log.awaitRaw(ready, START_TIMEOUT);
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.uri("/health")).timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() != 200) {
        throw new IllegalStateException("GET /health answered " + health.statusCode());
      }
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw new IllegalStateException(
          name + " did not start (see " + server.logFile.toAbsolutePath() + ")", e);
    }
  }

  /** {@code target/<name>-server.log}. */
  private static Path logFileOf(String name) {
    return Path.of(System.getProperty("logctx.it.target", "target"), name + "-server.log");
  }

  /** The server's log. */
  ServerLog log() {
    return log;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Milliseconds from process start to now. */
  long millisSinceStart() {
    return System.currentTimeMillis() - startMillis;
  }

  /** The file the output goes to. */
  Path logFile() {
    return logFile;
  }

  /** Stops the process and its children, waits for them (bounded). */
  @Override
  public void close() {
    destroyTree();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  private void destroyTree() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A port that was free a moment ago. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
