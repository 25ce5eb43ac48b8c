package dev.logctx;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-api loads with only what the README says it needs (section "What each jar needs
 * on the class path"; needs file: {@code class-path-needs/logctx-api.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-api");
  }
}
