package dev.logctx.kafka;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;

/** No class of logctx-kafka names SLF4J's MDC: headers are read and written through logctx-api. */
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-kafka");
  }
}
