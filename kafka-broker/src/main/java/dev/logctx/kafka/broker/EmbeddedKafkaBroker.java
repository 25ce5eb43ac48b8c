package dev.logctx.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One single-node Kafka cluster in KRaft mode (a combined broker and controller) running inside
 * this JVM, listening on free ports of {@code localhost}, with its log directories in a temporary
 * directory of its own. Built from Kafka's own server ({@code KafkaRaftServer}, what {@code
 * kafka-server-start} runs, and its storage formatter); no Docker, no ZooKeeper.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *   props.put("bootstrap.servers", broker.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>Tuned to start quickly and to serve one application: one partition for the offsets topic,
 * replication factor 1 everywhere, no initial rebalance delay for consumer groups, topics created
 * on first use. {@link #close()} stops every thread the cluster started and deletes its
 * directories; it is idempotent.
 *
 * <p>Where Kafka's server classes must not share a class path with the application's (a framework
 * that brings other versions of Jackson or Scala), run {@link #main(String[])} as a child process
 * instead: it prints one line {@value #READY_PREFIX}{@code <servers>} on standard output once the
 * broker accepts connections, and stops the broker and exits when its standard input reaches its
 * end (the parent closed it, or died) or when it is terminated.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** What {@link #main(String[])} prints before the bootstrap servers, on a line of their own. */
  public static final String READY_PREFIX = "bootstrap.servers=";

  private static final Map<String, String> DEFAULTS = defaults();

  private static final String CONTROLLER = "CONTROLLER";
  private static final int ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path directory;
  private final String bootstrapServers;
  private final Duration startTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, Path directory, String bootstrapServers, Duration startTime) {
    this.server = server;
    this.directory = directory;
    this.bootstrapServers = bootstrapServers;
    this.startTime = startTime;
  }

  /**
   * Starts a broker with the default settings and waits until it accepts clients.
   *
   * @return the running broker
   * @throws IllegalStateException if it cannot be started (what is half started is stopped)
   */
  public static EmbeddedKafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a broker with broker settings of the caller's on top of the defaults (for example
   * {@code num.partitions}) and waits until it accepts clients.
   *
   * @param brokerSettings Kafka broker settings, as in {@code server.properties}
   * @return the running broker
   * @throws IllegalStateException if it cannot be started (what is half started is stopped)
   */
  public static EmbeddedKafkaBroker start(Map<String, String> brokerSettings) {
    Objects.requireNonNull(brokerSettings, "brokerSettings");
    long begin = System.nanoTime();
    IllegalStateException failed = null;
    // the two ports are found free, then bound by the server: another process may take one in
    // between, so a start that fails is tried again on other ports
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return startOnce(brokerSettings, begin);
      } catch (IllegalStateException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    throw failed;
  }

  private static EmbeddedKafkaBroker startOnce(Map<String, String> brokerSettings, long begin) {
    Path directory;
    try {
      directory = Files.createTempDirectory("logctx-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary directory for the broker", e);
    }
    KafkaRaftServer server = null;
    try {
      int brokerPort = freePort();
      int controllerPort = freePort();
      String logDir = directory.resolve("logs").toString();
      Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
      settings.put("process.roles", "broker,controller");
      settings.put("node.id", "1");
      settings.put("controller.quorum.voters", "1@localhost:" + controllerPort);
      settings.put(
          "listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
      settings.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
      settings.put("controller.listener.names", CONTROLLER);
      settings.put("inter.broker.listener.name", "PLAINTEXT");
      settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      settings.put("log.dirs", logDir);
      settings.putAll(brokerSettings);
      Properties properties = new Properties();
      properties.putAll(settings);
      KafkaConfig config = KafkaConfig.fromProps(properties);

      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir))
          .setMetadataLogDirectory(logDir)
          .setControllerListenerName(CONTROLLER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();

      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      return new EmbeddedKafkaBroker(
          server,
          directory,
          "localhost:" + brokerPort,
          Duration.ofNanos(System.nanoTime() - begin));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (server != null) {
        stop(server, e);
      }
      deleteTree(directory);
      throw new IllegalStateException("the embedded Kafka broker did not start", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> defaults() {
    Map<String, String> settings = new LinkedHashMap<>();
    // one node: every internal topic with one replica, one partition where Kafka makes 50
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("default.replication.factor", "1");
    settings.put("min.insync.replicas", "1");
    // a consumer group of one member starts consuming at once, not after 3 s
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("auto.create.topics.enable", "true");
    // the broker is unfenced (serves clients) after its first heartbeats: send them often
    settings.put("broker.heartbeat.interval.ms", "100");
    return Map.copyOf(settings);
  }

  /**
   * The {@code bootstrap.servers} value for clients of this broker ({@code localhost:<port>}).
   *
   * @return host and port of the broker's client listener
   */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * How long {@link #start()} took, from creating the directories to a broker that accepts
   * clients.
   *
   * @return the start time
   */
  public Duration startTime() {
    return startTime;
  }

  /**
   * The directory that holds the broker's logs and metadata; deleted by {@link #close()}.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Stops the broker and its controller, waits for their threads, deletes the directory. Left
   * running: the two daemon ticker threads of the JVM-wide Yammer metrics registry that Kafka's
   * server uses, which live as long as the JVM (and serve the next broker started in it).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteTree(directory);
    }
  }

  private static void stop(KafkaRaftServer server, Exception cause) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // deleted meanwhile: nothing left to do
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker{" + bootstrapServers + (closed.get() ? ", closed}" : "}");
  }

  /**
   * Runs a broker as a process of its own: prints {@value #READY_PREFIX}{@code <servers>} on a
   * line of its own once the broker accepts clients, then runs until standard input ends or the
   * process is terminated, and stops the broker before it exits. Arguments of the form {@code
   * name=value} are broker settings.
   *
   * @param args broker settings, {@code name=value}
   */
  public static void main(String[] args) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals <= 0) {
        System.err.println("not a broker setting (name=value): " + arg);
        System.exit(2);
      }
      settings.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    EmbeddedKafkaBroker broker = start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-broker-stop"));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(READY_PREFIX + broker.bootstrapServers());
    System.err.println("embedded Kafka broker started in " + broker.startTime().toMillis() + " ms");
    awaitEndOf(System.in);
    broker.close();
    System.exit(0);
  }

  private static void awaitEndOf(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // nothing to read: the parent's end of the pipe closing is the signal
      }
    } catch (IOException e) {
      // the pipe broke: the parent is gone
    }
  }
}
