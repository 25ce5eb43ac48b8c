package dev.logctx.cdi;

import dev.logctx.testsupport.EveryClassLoadsContract;

/**
 * Every class of logctx-cdi loads with only what docs/cdi.md says it needs, except exactly the
 * documented optional classes, each of which loads once its API is added (needs file: {@code
 * class-path-needs/logctx-cdi.properties}).
 */
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-cdi");
  }
}
