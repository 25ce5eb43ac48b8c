package dev.logctx.cdi;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The negative control of {@link FaultToleranceStrategyKeepsRequestIdTest}: Weld SE and SmallRye
 * Fault Tolerance with logctx's decorator of Fault Tolerance's executor left out (vetoed), which is
 * what an application had before logctx made Fault Tolerance's threads carry the caller's context.
 * The attempts still log the caller's id ({@code @PreserveContext}'s body interceptor runs around
 * each), the fallback does not: Fault Tolerance calls it on its own thread, outside every
 * interceptor. And without {@code @PreserveContext} the body loses it too.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceWithoutLogctxTest {

  @WeldSetup
  WeldInitiator weld = Containers.withDiscovery(new WithoutFaultToleranceExecutorDecorator());

  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs =
        CapturedLog.ofLoggers(
                "dev.logctx", FaultToleranceStrategyKeepsRequestIdTest.FAULT_TOLERANCE_LOGGERS)
            .install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    logs.close();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_lose_the_id_in_the_fallback_method_without_logctxs_executor() throws Exception {
    FallbackWork work = weld.select(FallbackWork.class).get();

    String seen =
        FaultToleranceStrategyKeepsRequestIdTest.callInRequest(work::withFallbackMethod, "req-x");

    assertThat(seen).as("negative control: the fallback ran without the id").isEqualTo("null");
    assertThat(logs.withMessage(FallbackWork.ATTEMPT + "req-x"))
        .as("the attempts keep it: the body interceptor runs around each")
        .hasSize(FallbackWork.RETRIES + 1)
        .allSatisfy(
            line -> assertThat(line.mdc()).containsEntry("request_id", "req-x"));
    assertThat(logs.line(FallbackWork.FALLBACK_METHOD + "req-x").mdc())
        .as("negative control: the fallback line")
        .doesNotContainKey("request_id");
  }

  @Test
  void should_not_log_the_request_id_on_the_fault_tolerance_thread_without_PreserveContext()
      throws Exception {
    AsynchronousWork work = weld.select(AsynchronousWork.class).get();
    Scope request = LogContext.bind("request_id", "req-1");
    String seen;
    try {
      seen = work.faultTolerant("fault tolerance, plain").toCompletableFuture().get(10, SECONDS);
    } finally {
      request.close();
    }

    assertThat(seen).as("negative control").isEqualTo("null");
    assertThat(logs.line("fault tolerance, plain").mdc())
        .doesNotContainKey("request_id");
  }
}
