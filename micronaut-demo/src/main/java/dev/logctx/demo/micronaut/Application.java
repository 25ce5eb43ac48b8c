package dev.logctx.demo.micronaut;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the order service: {@code java -jar logctx-micronaut-demo.jar}, port from {@code
 * -Dmicronaut.server.port=N} (8080 by default).
 */
public final class Application {
  private Application() {}

  /**
   * Starts the HTTP server; JSON log lines go to stdout (no banner, so stdout is only JSON). With
   * no {@code kafka.bootstrap.servers} configured, starts an embedded Kafka broker first.
   */
  public static void main(String[] args) {
    KafkaBroker.startUnlessConfigured(args);
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
