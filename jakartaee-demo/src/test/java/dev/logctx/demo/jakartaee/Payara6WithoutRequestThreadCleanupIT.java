package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * {@link WithoutRequestThreadCleanupContract} on the uber jar of {@link Payara6IT}, which also
 * says in its log that the cleanup is off.
 */
class Payara6WithoutRequestThreadCleanupIT extends WithoutRequestThreadCleanupContract {

  @Override
  List<String> command(int port) {
    return List.of(
        Jdks.currentJava(),
        CLEANUP_OFF,
        "-jar",
        System.getProperty("logctx.it.uber-jar"),
        "--port",
        Integer.toString(port));
  }

  @Override
  String name() {
    return "payara6-without-request-thread-cleanup";
  }

  @Override
  void assertTheServerLogShowsTheCleanupOff() {
    assertThat(server.log().raw())
        .as("the server says the cleanup is off")
        .anyMatch(line -> line.contains("logctx.jaxrs.request-thread-cleanup=false"));
  }
}
