package dev.logctx.kafka.messaging;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-kafka-messaging loads with only what docs/kafka.md says it needs (section
 * "What logctx-kafka needs on the class path"; needs file: {@code
 * class-path-needs/logctx-kafka-messaging.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-kafka-messaging");
  }
}
