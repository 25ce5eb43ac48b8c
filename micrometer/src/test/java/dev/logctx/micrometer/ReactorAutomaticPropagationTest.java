package dev.logctx.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * A user's application with only logctx-api, logctx-micrometer, Micrometer context-propagation and
 * reactor-core (and logback): Reactor's automatic context propagation with {@code
 * contextCapture()}. 200 pipelines at once, each in its own request's MDC, over the operators that
 * move work between threads ({@link ReactorPipelines}); every line carries its own pipeline's id,
 * and no scheduler thread keeps a value afterwards. Beside it the same pipelines without the
 * accessor (they lose the id) and with Micrometer's own MDC accessor registered by hand.
 */
class ReactorAutomaticPropagationTest {
  private static final int PIPELINES = 200;
  private static ReactorPipelines pipelines;

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @BeforeAll
  static void automaticMode() throws Exception {
    pipelines = new ReactorPipelines();
  }

  @AfterAll
  static void manualMode() throws Exception {
    pipelines.close();
  }

  @AfterEach
  void testThreadClean() {
    Map<String, String> left = MDC.getCopyOfContextMap();
    MDC.clear();
    assertThat(left == null ? Map.of() : left).as("MDC left on the test thread").isEmpty();
  }

  @Test
  void every_operator_logs_its_own_pipelines_id_and_no_scheduler_thread_keeps_one()
      throws Exception {
    ReactorPipelines.Result result = pipelines.run(logs, PIPELINES, "with-");
    System.out.println("logctx-micrometer, " + PIPELINES + " pipelines: " + result);

    assertThat(result.lines()).as("lines logged").isEqualTo(result.expected());
    assertThat(result.missing()).as("lines without an id").isZero();
    assertThat(result.wrong()).as("lines with a foreign id").isZero();
    assertThat(result.stale()).as("values left on scheduler threads").isEmpty();
    assertThat(pipelines.schedulerThreadCount()).as("scheduler threads probed").isGreaterThan(2);
    assertThat(pipelines.foreignThreadsMdc())
        .as("the emitting threads keep exactly their own MDC")
        .containsOnly("{request_id=" + ReactorPipelines.FOREIGN + "}");
  }

  @Test
  void without_the_accessor_the_same_pipelines_lose_the_id() throws Exception {
    ContextRegistry registry = ContextRegistry.getInstance();
    assertThat(registry.removeThreadLocalAccessor(LogContextAccessor.KEY)).isTrue();
    ReactorPipelines.Result result;
    try {
      result = pipelines.run(logs, PIPELINES, "without-");
    } finally {
      registry.registerThreadLocalAccessor(new LogContextAccessor());
    }
    System.out.println("no MDC accessor, " + PIPELINES + " pipelines: " + result);

    assertThat(result.lines()).isEqualTo(result.expected());
    assertThat(result.missing() + result.wrong())
        .as("lines without their pipeline's id")
        .isGreaterThan(result.expected() / 2);
  }

  @Test
  void micrometers_own_mdc_accessor_registered_by_hand() throws Exception {
    ContextRegistry registry = ContextRegistry.getInstance();
    assertThat(registry.removeThreadLocalAccessor(LogContextAccessor.KEY)).isTrue();
    registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
    ReactorPipelines.Result result;
    try {
      result = pipelines.run(logs, PIPELINES, "slf4j-");
    } finally {
      registry.removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
      registry.registerThreadLocalAccessor(new LogContextAccessor());
    }
    System.out.println("Slf4jThreadLocalAccessor by hand, " + PIPELINES + " pipelines: " + result);

    assertThat(result.lines()).isEqualTo(result.expected());
    assertThat(result.missing()).isZero();
    assertThat(result.wrong()).isZero();
  }

  @Test
  void the_probe_finds_a_value_left_on_a_scheduler_thread() throws Exception {
    pipelines.run(logs, 1, "probe-"); // so that scheduler threads exist
    pipelines.runOnASchedulerThread(() -> MDC.put("request_id", "left-behind"));
    try {
      assertThat(pipelines.leftOnSchedulerThreads())
          .as("what the probe reads")
          .hasSize(1)
          .allSatisfy((thread, mdc) -> assertThat(mdc.get("mdc")).contains("left-behind"));
    } finally {
      pipelines.runOnASchedulerThread(MDC::clear);
    }
    assertThat(pipelines.leftOnSchedulerThreads()).isEmpty();
  }
}
