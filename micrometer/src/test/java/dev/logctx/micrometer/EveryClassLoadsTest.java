package dev.logctx.micrometer;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-micrometer loads with only what the README says it needs (section "What
 * each jar needs on the class path"; needs file: {@code class-path-needs/logctx-micrometer.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-micrometer");
  }
}
