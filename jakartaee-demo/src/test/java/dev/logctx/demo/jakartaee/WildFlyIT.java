package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The WildFly WAR (classifier {@code wildfly}: no SLF4J binding of its own) on WildFly 39.0.1,
 * configured offline by {@code src/test/wildfly/configure.cli}. There SLF4J goes to the server's
 * JBoss LogManager, so logctx runs on its generic, non-logback path; the console prints JSON lines
 * with the same {@code mdc}, {@code threadName} and {@code message} fields.
 */
class WildFlyIT extends OrderServiceContract {

  @Override
  List<String> command(int port) {
    return wildFly(port, List.of(LOG_SPANS));
  }

  /** WildFly's {@code standalone.sh} on HTTP port {@code port}, every other port free, with {@code options}. */
  static List<String> wildFly(int port, List<String> options) {
    Path home = Path.of(System.getProperty("logctx.it.wildfly-home"));
    List<String> command = new ArrayList<>();
    command.addAll(List.of(
        "/bin/sh",
        home.resolve("bin").resolve("standalone.sh").toString(),
        "-Djboss.bind.address=127.0.0.1",
        "-Djboss.bind.address.management=127.0.0.1",
        "-Djboss.http.port=" + port,
        "-Djboss.https.port=" + ServerProcess.freePort(),
        "-Djboss.management.http.port=" + ServerProcess.freePort(),
        "-Djboss.management.https.port=" + ServerProcess.freePort(),
        "-Djboss.txn.recovery.port=" + ServerProcess.freePort(),
        "-Djboss.txn.status.port=" + ServerProcess.freePort()));
    command.addAll(options);
    return command;
  }

  @Override
  boolean isReadyLine(String line) {
    return isWildFlyReadyLine(line);
  }

  /** WFLYSRV0025 "started", WFLYSRV0026 "started (with errors)": then /health decides. */
  static boolean isWildFlyReadyLine(String line) {
    return line.contains("WFLYSRV0025") || line.contains("WFLYSRV0026");
  }

  @Override
  String name() {
    return "wildfly";
  }

  @Override
  Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  /** WildFly's default context service propagates "LogContext": that line is no control here. */
  @Override
  Set<Control> controls() {
    return EnumSet.complementOf(
        EnumSet.of(Control.CLEARING_VIRTUAL_EXECUTOR, Control.DEFAULT_CONTEXT_PROXY));
  }

  @Test
  void the_default_context_service_propagates_LogContext_on_wildfly() throws Exception {
    String id = "wildfly-default-context";
    ServerLog.Mark mark = server.log().mark();
    runControls(id, "default-context-user");
    List<LogLine> lines =
        server
            .log()
            .await(
                mark,
                line -> line.message().equals(Control.DEFAULT_CONTEXT_PROXY.logLine()),
                1,
                LINES_TIMEOUT);
    assertThat(lines.get(0).requestId()).isEqualTo(id);
    assertThat(lines.get(0).userId()).isEqualTo("default-context-user");
  }
}
