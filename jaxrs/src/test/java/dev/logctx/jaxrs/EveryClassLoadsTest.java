package dev.logctx.jaxrs;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-jaxrs loads with only what the README says it needs (section "What each jar needs
 * on the class path"; needs file: {@code class-path-needs/logctx-jaxrs.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-jaxrs");
  }
}
