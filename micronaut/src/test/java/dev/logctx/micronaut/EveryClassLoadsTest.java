package dev.logctx.micronaut;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-micronaut loads with only what the README says it needs (section "What
 * each jar needs on the class path"; needs file: {@code
 * class-path-needs/logctx-micronaut.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-micronaut");
  }
}
