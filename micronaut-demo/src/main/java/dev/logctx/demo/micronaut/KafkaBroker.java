package dev.logctx.demo.micronaut;

import dev.logctx.kafka.broker.EmbeddedKafkaBroker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker of the demo's {@code order-placed} events: the one configured with {@value
 * #PROPERTY} (a {@code -D} system property, the {@code KAFKA_BOOTSTRAP_SERVERS} environment
 * variable, or {@code --kafka.bootstrap.servers=...}), else a single-node broker started inside
 * the demo's own JVM, stopped when the demo stops. Either way one JSON line says which.
 */
final class KafkaBroker {
  /** The property that names the broker: {@value}. */
  static final String PROPERTY = "kafka.bootstrap.servers";

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

  private KafkaBroker() {}

  /** Uses the configured broker, or starts one and sets {@value #PROPERTY} to it. */
  static void startUnlessConfigured(String[] args) {
    @Nullable String configured = configured(args);
    if (configured != null) {
      log.atInfo()
          .addKeyValue("bootstrap_servers", configured)
          .log("using the Kafka broker at {} ({} is configured)", configured, PROPERTY);
      return;
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
    System.setProperty(PROPERTY, broker.bootstrapServers());
    log.atInfo()
        .addKeyValue("bootstrap_servers", broker.bootstrapServers())
        .log(
            "no {} configured: started an embedded single-node Kafka broker at {} in {} ms",
            PROPERTY,
            broker.bootstrapServers(),
            broker.startTime().toMillis());
  }

  private static @Nullable String configured(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--" + PROPERTY + "=")) {
        return nonBlank(arg.substring(PROPERTY.length() + 3));
      }
    }
    String property = nonBlank(System.getProperty(PROPERTY));
    return property != null ? property : nonBlank(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
