package dev.logctx.opentelemetry;

import dev.logctx.testsupport.EveryClassLoadsContract;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Every class of logctx-opentelemetry loads with only what docs/opentelemetry.md says it needs
 * (needs file: {@code class-path-needs/logctx-opentelemetry.properties}).
 */
@DisabledIfSystemProperty(named = "logctx.test.module-absent", matches = "true")
class EveryClassLoadsTest extends EveryClassLoadsContract {
  EveryClassLoadsTest() {
    super("logctx-opentelemetry");
  }
}
