package dev.logctx.kafka;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-kafka loads with only what docs/kafka.md says it needs (section "What
 * logctx-kafka needs on the class path"; needs file: {@code class-path-needs/logctx-kafka.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-kafka");
  }
}
