package dev.logctx.micronaut;

import dev.logctx.kafka.broker.EmbeddedKafkaBroker;

/**
 * One single-node Kafka broker for the Kafka tests of this JVM, started on first use (about 10 s)
 * and stopped when the JVM exits.
 */
final class KafkaTestBroker {
  /** The property that creates the Kafka listener beans of the tests: {@value}. */
  static final String LISTENERS_PROPERTY = "logctx.test.kafka.listeners";

  private static EmbeddedKafkaBroker broker;

  private KafkaTestBroker() {}

  /** The broker's {@code bootstrap.servers}. */
  static synchronized String bootstrapServers() {
    if (broker == null) {
      EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-broker-stop"));
      broker = started;
    }
    return broker.bootstrapServers();
  }
}
