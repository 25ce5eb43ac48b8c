package dev.logctx.demo.jakartaee;

import java.util.List;

/**
 * {@link WithoutRequestThreadCleanupContract} on WildFly (RESTEasy Classic, JBoss LogManager's
 * MDC): the server of {@link WildFlyIT}.
 */
class WildFlyWithoutRequestThreadCleanupIT extends WithoutRequestThreadCleanupContract {

  @Override
  List<String> command(int port) {
    return WildFlyIT.wildFly(port, List.of(CLEANUP_OFF));
  }

  @Override
  boolean isReadyLine(String line) {
    return WildFlyIT.isWildFlyReadyLine(line);
  }

  @Override
  String name() {
    return "wildfly-without-request-thread-cleanup";
  }
}
