package dev.logctx.demo.jakartaee;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The uber jar of the README (Payara Micro 6.2025.10, Jakarta EE 10) on the running JDK, started
 * as {@code java -jar target/logctx-jakartaee-demo.jar --port <free>}.
 */
class Payara6IT extends Payara6UberJarContract {

  @Override
  List<String> jvmOptions() {
    return List.of();
  }

  @Override
  String name() {
    return "payara6";
  }

  /**
   * Without {@code slf4j.provider}, SLF4J takes logback's own provider, although logctx-logback is in
   * the WAR: its jar registers no provider. (The control of {@link Payara6WithLogctxLogbackIT}.)
   */
  @Test
  void the_demo_runs_with_logbacks_own_mdc_adapter() throws Exception {
    assertTheDemoRunsWithMdcAdapter(LOGBACK_MDC_ADAPTER);
  }
}
