package dev.logctx.demo.jakartaee;

import java.util.List;
import java.util.Set;

/** {@link WithoutLogctxCdiContract} on Payara Micro 6.2025.10, the EE 10 WAR without logctx-cdi. */
class Payara6WithoutLogctxCdiIT extends WithoutLogctxCdiContract {

  @Override
  List<String> command(int port) {
    return payaraMicro(
        Jdks.currentJava(),
        System.getProperty("logctx.it.payara6"),
        System.getProperty("logctx.it.war-without-logctx-cdi"),
        port);
  }

  @Override
  String name() {
    return "payara6-without-logctx-cdi";
  }

  @Override
  Set<FollowUp> followUps() {
    return ee10FollowUps();
  }
}
