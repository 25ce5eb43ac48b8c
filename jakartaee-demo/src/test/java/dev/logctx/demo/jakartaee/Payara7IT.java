package dev.logctx.demo.jakartaee;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The EE 11 WAR (classifier {@code ee11}, with the virtual-thread executors) on Payara Micro
 * 7.2025.1 (Jakarta EE 11) on a JDK 25, found like {@code .ci/run} finds it; the test JVM may be
 * a JDK 17.
 */
@EnabledIf(
    value = "dev.logctx.demo.jakartaee.Jdks#java25FoundOrCi",
    disabledReason = "no JDK 25 (JAVA25_HOME or beside the running JDK) for Payara Micro 7; CI=true fails instead")
class Payara7IT extends OrderServiceContract {

  @Override
  List<String> command(int port) {
    return payaraMicro(
        Jdks.java25(), System.getProperty("logctx.it.payara7"), System.getProperty("logctx.it.ee11-war"),
        port);
  }

  @Override
  String name() {
    return "payara7";
  }

  @Override
  Set<FollowUp> followUps() {
    return EnumSet.allOf(FollowUp.class);
  }

  @Override
  Set<Control> controls() {
    return EnumSet.allOf(Control.class);
  }

  /**
   * Without {@code slf4j.provider}, SLF4J takes logback's own provider, although logctx-logback is in
   * the WAR: its jar registers no provider.
   */
  @Test
  void the_demo_runs_with_logbacks_own_mdc_adapter() throws Exception {
    assertTheDemoRunsWithMdcAdapter(LOGBACK_MDC_ADAPTER);
  }
}
