package dev.logctx.demo.jakartaee;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The uber jar of {@link Payara6IT} on the running JDK with logctx-logback's SLF4J provider
 * switched on, as docs/logback.md tells Payara users to: {@code java
 * -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider -jar
 * target/logctx-jakartaee-demo.jar --port <free>}, logctx-logback being in the WAR's {@code
 * WEB-INF/lib} beside logback. The whole contract holds, and the demo really runs on that
 * provider's MDC adapter.
 */
class Payara6WithLogctxLogbackIT extends Payara6UberJarContract {

  @Override
  List<String> jvmOptions() {
    return List.of("-Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider");
  }

  @Override
  String name() {
    return "payara6-with-logctx-logback";
  }

  /** The JVM option reached SLF4J inside the WAR: the demo logs logctx-logback's adapter. */
  @Test
  void the_demo_runs_with_logctx_logbacks_mdc_adapter() throws Exception {
    assertTheDemoRunsWithMdcAdapter(LOGCTX_LOGBACK_MDC_ADAPTER);
  }
}
