package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An asynchronous Fault Tolerance strategy whose attempts fail later, on a thread of another
 * request (a shared client's pool thread that still holds that request's id): the retry that
 * follows and the fallback must run in the caller's id, not in the id of the thread that failed
 * the attempt.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceLateFailureTest {
  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private CapturedLog logs;
  private ExecutorService otherRequest;

  @BeforeEach
  void start() {
    LateFailureWork.PENDING.clear();
    logs =
        CapturedLog.ofLoggers(
                "dev.logctx", FaultToleranceStrategyKeepsRequestIdTest.FAULT_TOLERANCE_LOGGERS)
            .install();
    otherRequest = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    otherRequest.shutdownNow();
    logs.close();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  /** Calls in request {@code id}; fails each attempt's stage on the other request's thread. */
  @SuppressWarnings("try") // the scopes are only closed
  private String callFailedByOtherRequest(
      Function<String, CompletionStage<String>> method, String id) throws Exception {
    CompletableFuture<String> result;
    try (Scope request = LogContext.bind("request_id", id)) {
      result = method.apply(id).toCompletableFuture();
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      otherRequest
          .submit(
              () -> {
                CompletableFuture<String> pending =
                    LateFailureWork.PENDING.poll(10, TimeUnit.SECONDS);
                assertThat(pending).as("attempt's stage").isNotNull();
                try (Scope other = LogContext.bind("request_id", "other-request")) {
                  pending.completeExceptionally(new IllegalStateException("warehouse down"));
                }
                return null;
              })
          .get(10, TimeUnit.SECONDS);
    }
    return result.get(10, TimeUnit.SECONDS);
  }

  private void assertEveryLineCarries(String id, String seen) {
    List<CapturedLog.Line> ours =
        logs.lines().stream()
            .filter(
                line ->
                    line.message().startsWith(LateFailureWork.ATTEMPT)
                        || line.message().startsWith(LateFailureWork.FALLBACK)
                        || line.message().contains(LateFailureWork.class.getName() + "#"))
            .toList();
    assertThat(ours).hasSizeGreaterThanOrEqualTo(3);
    assertThat(ours)
        .extracting(CapturedLog.Line::message)
        .anyMatch(message -> message.endsWith("retrying (1/1)"))
        .anyMatch(message -> message.endsWith("invoking fallback"));
    assertThat(ours)
        .allSatisfy(
            line ->
                assertThat(line.requestId())
                    .as("'%s' on %s", line.message(), line.thread())
                    .isEqualTo(id));
    assertThat(seen).as("id the fallback ran with").isEqualTo(id);
  }

  @Test
  void a_preserved_strategy_failed_by_another_requests_thread_keeps_the_callers_id()
      throws Exception {
    String seen =
        callFailedByOtherRequest(weld.select(LateFailureWork.class).get()::preserved, "req-p");
    assertEveryLineCarries("req-p", seen);
  }

  /** The lines Fault Tolerance itself logs when it observes an attempt's failure. */
  private List<CapturedLog.Line> faultToleranceLines() {
    return logs.lines().stream()
        .filter(line -> line.message().contains(LateFailureWork.class.getName() + "#"))
        .toList();
  }

  /**
   * Negative control, and the limit without {@code @PreserveContext}: logctx is not in the
   * invocation, so Fault Tolerance observes the method's own stage and handles its failure on the
   * thread that failed it, in that thread's (another request's) id.
   */
  @Test
  void should_carry_the_failing_threads_id_when_the_method_is_not_preserved() throws Exception {
    String seen =
        callFailedByOtherRequest(weld.select(LateFailureWork.class).get()::notPreserved, "req-n");

    assertThat(faultToleranceLines())
        .extracting(CapturedLog.Line::message)
        .anyMatch(message -> message.endsWith("retrying (1/1)"))
        .anyMatch(message -> message.endsWith("invoking fallback"));
    assertThat(faultToleranceLines())
        .allSatisfy(line -> assertThat(line.requestId()).isEqualTo("other-request"));
    assertThat(seen).as("id the fallback ran with").isEqualTo("other-request");
  }
}
