package dev.logctx.micronaut;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;

/** No class of logctx-micronaut names SLF4J's MDC: the request id is written through logctx-api. */
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-micronaut");
  }
}
