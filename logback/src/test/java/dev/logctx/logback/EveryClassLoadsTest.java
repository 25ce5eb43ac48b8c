package dev.logctx.logback;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-logback loads with only what the README says it needs (section "What each
 * jar needs on the class path"; needs file: {@code class-path-needs/logctx-logback.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-logback");
  }
}
