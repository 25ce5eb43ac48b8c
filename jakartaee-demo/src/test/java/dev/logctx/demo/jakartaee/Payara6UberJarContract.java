package dev.logctx.demo.jakartaee;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@link OrderServiceContract} on the uber jar of the README (Payara Micro 6.2025.10, Jakarta EE
 * 10) on the running JDK: {@code java <jvmOptions> -jar target/logctx-jakartaee-demo.jar --port
 * <free>}.
 */
abstract class Payara6UberJarContract extends OrderServiceContract {

  /** The JVM options put before {@code -jar}. */
  abstract List<String> jvmOptions();

  @Override
  final List<String> command(int port) {
    List<String> command = new ArrayList<>();
    command.add(Jdks.currentJava());
    command.add(LOG_SPANS);
    command.addAll(jvmOptions());
    command.addAll(
        List.of("-jar", System.getProperty("logctx.it.uber-jar"), "--port", Integer.toString(port)));
    return command;
  }

  @Override
  final Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  @Override
  final Set<Control> controls() {
    return EnumSet.complementOf(EnumSet.of(Control.CLEARING_VIRTUAL_EXECUTOR));
  }
}
