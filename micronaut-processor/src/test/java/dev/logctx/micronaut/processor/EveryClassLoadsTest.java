package dev.logctx.micronaut.processor;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-micronaut-processor loads with only what the README says it needs
 * (section "What each jar needs on the class path"; needs file: {@code
 * class-path-needs/logctx-micronaut-processor.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-micronaut-processor");
  }
}
