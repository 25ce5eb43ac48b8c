package dev.logctx.demo;

import dev.logctx.kafka.broker.EmbeddedKafkaBroker;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker of the demo: the one named by {@code kafka.bootstrap.servers} when it is
 * configured, else a single-node broker started in this JVM ({@link EmbeddedKafkaBroker}) when the
 * first Kafka channel starts, and stopped with the application. The demo's channels read this
 * configuration through {@code kafka-configuration=demo-kafka}.
 */
@ApplicationScoped
public class DemoKafka {
  private static final Logger log = LoggerFactory.getLogger(DemoKafka.class);

  /** The property that names an existing broker. */
  static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

  private volatile EmbeddedKafkaBroker broker;
  private volatile String bootstrapServers;

  /** The Kafka settings of the demo's channels: the embedded broker's address, or nothing. */
  @Produces
  @Singleton
  @Identifier("demo-kafka")
  Map<String, Object> channelSettings() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  /** The bootstrap servers the demo uses, starting the embedded broker if none is configured. */
  synchronized String bootstrapServers() {
    if (bootstrapServers != null) {
      return bootstrapServers;
    }
    Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue(BOOTSTRAP_SERVERS, String.class);
    if (configured.isPresent() && !configured.get().isBlank()) {
      bootstrapServers = configured.get();
      log.info("Kafka: using the broker at {} ({})", bootstrapServers, BOOTSTRAP_SERVERS);
      return bootstrapServers;
    }
    log.info("Kafka: {} is not configured, starting an embedded single-node broker", BOOTSTRAP_SERVERS);
    broker = EmbeddedKafkaBroker.start();
    bootstrapServers = broker.bootstrapServers();
    log.info(
        "Kafka: embedded broker started at {} in {} ms (set {} to use another broker)",
        bootstrapServers,
        broker.startTime().toMillis(),
        BOOTSTRAP_SERVERS);
    return bootstrapServers;
  }

  void stop(@Observes ShutdownEvent event) {
    EmbeddedKafkaBroker running = broker;
    if (running != null) {
      running.close();
      log.info("Kafka: embedded broker stopped");
    }
  }
}
