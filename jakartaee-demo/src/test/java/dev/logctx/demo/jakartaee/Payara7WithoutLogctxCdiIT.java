package dev.logctx.demo.jakartaee;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link WithoutLogctxCdiContract} on Payara Micro 7.2025.1 (JDK 25), the EE 11 WAR without logctx-cdi. */
@EnabledIf(
    value = "dev.logctx.demo.jakartaee.Jdks#java25FoundOrCi",
    disabledReason = "no JDK 25 (JAVA25_HOME or beside the running JDK) for Payara Micro 7; CI=true fails instead")
class Payara7WithoutLogctxCdiIT extends WithoutLogctxCdiContract {

  @Override
  List<String> command(int port) {
    return payaraMicro(
        Jdks.java25(),
        System.getProperty("logctx.it.payara7"),
        System.getProperty("logctx.it.ee11-war-without-logctx-cdi"),
        port);
  }

  @Override
  String name() {
    return "payara7-without-logctx-cdi";
  }

  @Override
  Set<FollowUp> followUps() {
    return EnumSet.allOf(FollowUp.class);
  }
}
