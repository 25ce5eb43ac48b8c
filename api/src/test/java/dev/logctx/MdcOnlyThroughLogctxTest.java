package dev.logctx;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;

/** In logctx-api only {@code MdcAccess} and its backends name SLF4J's MDC. */
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-api", "dev/logctx/MdcAccess", "dev/logctx/LogbackMdcAccess");
  }
}
