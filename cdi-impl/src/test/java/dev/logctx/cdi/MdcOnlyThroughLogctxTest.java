package dev.logctx.cdi;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;

/** No class of logctx-cdi names SLF4J's MDC: every access goes through logctx-api. */
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-cdi");
  }
}
