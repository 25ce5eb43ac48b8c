package dev.logctx.micrometer;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;

/** No class of logctx-micrometer names SLF4J's MDC: it captures, sets and restores through logctx-api. */
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-micrometer");
  }
}
