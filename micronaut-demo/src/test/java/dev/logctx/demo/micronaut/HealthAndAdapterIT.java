package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The started demo answers {@code GET /health}, and its process uses the SLF4J MDC adapter this run
 * names: logback's own in the execution {@code demo-with-logback}, logctx-logback's in {@code
 * demo-with-logctx-logback} (started with {@code -Dslf4j.provider=...}) — so a switch that SLF4J
 * ignored cannot pass unnoticed; and Reactor's automatic context propagation with logctx-micrometer's
 * accessor registered exactly in {@code demo-with-micrometer-context-propagation}.
 */
class HealthAndAdapterIT {

  @Test
  void health_should_answer_200_once_started() throws Exception {
    HttpResponse<String> health = OrderClient.get(DemoServer.shared(), "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
  }

  @Test
  void demo_process_should_use_the_mdc_adapter_this_run_names() throws Exception {
    String expected =
        Objects.requireNonNull(
            System.getProperty("logctx.expected.mdc.adapter"),
            "logctx.expected.mdc.adapter is set by the build");

    LogLine ready =
        DemoServer.shared().lines().stream()
            .filter(line -> line.logger().endsWith(".ReadyLine"))
            .findFirst()
            .orElseThrow();
    assertThat(ready.keyValues()).containsEntry("mdc_adapter", expected);
  }

  @Test
  void demo_process_should_run_reactor_and_micrometer_as_this_run_names() throws Exception {
    boolean automatic = Boolean.getBoolean("logctx.expected.reactor.automatic.context.propagation");
    boolean accessor = Boolean.getBoolean("logctx.expected.logctx.micrometer");

    LogLine ready =
        DemoServer.shared().lines().stream()
            .filter(line -> line.logger().endsWith(".ReadyLine"))
            .findFirst()
            .orElseThrow();
    assertThat(ready.keyValues())
        .containsEntry("reactor_automatic_context_propagation", String.valueOf(automatic));
    String accessors = ready.keyValues().get("micrometer_accessors");
    if (accessor) {
      assertThat(accessors.split(",")).as("Micrometer's accessors").contains("logctx");
    } else {
      assertThat(accessors).isEqualTo("none");
    }
  }
}
