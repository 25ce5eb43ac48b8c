package dev.logctx.opentelemetry;

import dev.logctx.testsupport.MdcOnlyThroughLogctxContract;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** No class of logctx-opentelemetry names SLF4J's MDC: the trace keys are written through logctx-api. */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class MdcOnlyThroughLogctxTest extends MdcOnlyThroughLogctxContract {
  MdcOnlyThroughLogctxTest() {
    super("logctx-opentelemetry");
  }
}
