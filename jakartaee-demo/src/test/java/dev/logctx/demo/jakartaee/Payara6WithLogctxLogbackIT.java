package dev.logctx.demo.jakartaee;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The uber jar of {@link Payara6IT} on the running JDK with logctx-logback's SLF4J provider
 * switched on, as docs/logback.md tells Payara users to: {@code java
 * -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider -jar
 * target/logctx-jakartaee-demo.jar --port <free>}, logctx-logback being in the WAR's {@code
 * WEB-INF/lib} beside logback. The whole contract holds, and the demo really runs on that
 * provider's MDC adapter.
 */
class Payara6WithLogctxLogbackIT extends OrderServiceContract {

  @Override
  List<String> command(int port) {
    return List.of(
        Jdks.currentJava(),
        "-Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider",
        "-jar",
        System.getProperty("logctx.it.uber-jar"),
        "--port",
        Integer.toString(port));
  }

  @Override
  String name() {
    return "payara6-with-logctx-logback";
  }

  @Override
  Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  @Override
  Set<Control> controls() {
    return EnumSet.complementOf(EnumSet.of(Control.CLEARING_VIRTUAL_EXECUTOR));
  }

  /** The JVM option reached SLF4J inside the WAR: the demo logs logctx-logback's adapter. */
  @Test
  void the_demo_runs_with_logctx_logbacks_mdc_adapter() throws Exception {
    assertTheDemoRunsWithMdcAdapter(LOGCTX_LOGBACK_MDC_ADAPTER);
  }
}
