package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Many callers at once, each with its own request id, call one {@code @PreserveContext} method
 * that Fault Tolerance runs on its shared pool: no log line ever carries another caller's id. Here
 * logctx's decorator of Fault Tolerance's pool is left out, so {@code @PreserveContext} alone
 * carries the id, and the negative control without it loses it ({@link
 * FaultToleranceStrategyKeepsRequestIdTest} has many callers with the decorator in place).
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentCallersTest {
  private static final int CALLERS = 8;

  @WeldSetup
  WeldInitiator weld = Containers.withDiscovery(new WithoutFaultToleranceExecutorDecorator());

  private CapturedLog logs;
  private ExecutorService callers;

  @BeforeEach
  void capture_logs_and_start_the_callers() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    callers = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.stop(callers);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_never_show_another_callers_id_in_10000_calls_from_8_threads() throws Exception {
    AsynchronousWork work = weld.select(AsynchronousWork.class).get();

    List<String> mismatches = callConcurrently(work::echo, 10_000);

    assertThat(mismatches).isEmpty();
    List<CapturedLog.Line> lines = logs.withMessagePrefix("echo ");
    assertThat(lines).hasSize(10_000);
    for (CapturedLog.Line line : lines) {
      assertThat(line.message())
          .as("the id in the message is the id in the MDC")
          .isEqualTo("echo " + line.mdc().get("request_id"));
    }
  }

  @Test
  void should_show_no_callers_id_without_PreserveContext() throws Exception {
    AsynchronousWork work = weld.select(AsynchronousWork.class).get();

    List<String> mismatches = callConcurrently(work::echoWithoutPreserving, 200);

    assertThat(mismatches).as("negative control").hasSize(200);
    assertThat(logs.withMessagePrefix("echo "))
        .hasSize(200)
        .allSatisfy(line -> assertThat(line.mdc()).doesNotContainKey("request_id"));
  }

  /** Each caller binds its own id per call; returns what did not match, caller side. */
  private List<String> callConcurrently(
      Function<String, CompletionStage<String>> method, int calls) throws Exception {
    List<Future<List<String>>> results = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      results.add(
          callers.submit(
              () -> {
                List<String> mismatches = new ArrayList<>();
                for (int i = caller; i < calls; i += CALLERS) {
                  String id = "req-" + caller + "-" + i;
                  Scope request = LogContext.bind("request_id", id);
                  try {
                    String seen = method.apply(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    String after = LogContext.current().get("request_id");
                    if (!id.equals(seen) || !id.equals(after)) {
                      mismatches.add(id + " saw " + seen + ", then " + after);
                    }
                  } finally {
                    request.close();
                  }
                }
                return mismatches;
              }));
    }
    List<String> mismatches = new ArrayList<>();
    for (Future<List<String>> result : results) {
      mismatches.addAll(result.get(120, TimeUnit.SECONDS));
    }
    return mismatches;
  }
}
