package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
 * The whole asynchronous strategy of SmallRye Fault Tolerance in Weld SE runs in the caller's
 * context: every attempt, the retries Fault Tolerance's timer starts after a delay, Fault
 * Tolerance's own lines ("invocation failed, retrying", "invoking fallback"), and the fallback (a
 * fallback method and a fallback handler class), which Fault Tolerance calls on its own thread
 * outside every interceptor. Many callers at once, each with its own id, on Fault Tolerance's
 * reused pool threads: each line carries its own caller's id. The negative control, with logctx's
 * executor decorator left out, is {@link FaultToleranceWithoutLogctxTest}.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceStrategyKeepsRequestIdTest {
  static final String FAULT_TOLERANCE_LOGGERS = "io.smallrye.faulttolerance";
  private static final int CALLERS = 4;
  private static final int CALLS = 60;

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs = CapturedLog.ofLoggers("dev.logctx", FAULT_TOLERANCE_LOGGERS).install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    logs.close();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  private FallbackWork work() {
    return weld.select(FallbackWork.class).get();
  }

  @Test
  void should_run_attempts_retries_and_the_fallback_method_in_the_callers_context()
      throws Exception {
    String seen = callInRequest(work()::withFallbackMethod, "req-fm");

    assertThat(seen).as("request id the fallback method ran with").isEqualTo("req-fm");
    assertEveryLineOf("req-fm", "withFallbackMethod", FallbackWork.FALLBACK_METHOD, logs);
  }

  @Test
  void should_run_attempts_retries_and_the_fallback_handler_in_the_callers_context()
      throws Exception {
    String seen = callInRequest(work()::withFallbackHandler, "req-fh");

    assertThat(seen).as("request id the fallback handler ran with").isEqualTo("req-fh");
    assertEveryLineOf("req-fh", "withFallbackHandler", FallbackWork.FALLBACK_HANDLER, logs);
  }

  @Test
  void should_run_the_strategy_of_a_bean_without_PreserveContext_in_the_callers_context_too()
      throws Exception {
    String seen = callInRequest(work()::withFallbackMethodNotPreserved, "req-np");

    assertThat(seen).as("request id the fallback method ran with").isEqualTo("req-np");
    assertEveryLineOf(
        "req-np", "withFallbackMethodNotPreserved", FallbackWork.FALLBACK_METHOD, logs);
  }

  @Test
  void should_keep_each_concurrent_callers_id_on_every_line_on_reused_threads() throws Exception {
    FallbackWork work = work();
    ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(CALLERS);
    Map<String, String> seenBy = new ConcurrentHashMap<>();
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String id = "req-c-" + i;
        Function<String, CompletionStage<String>> method =
            i % 2 == 0 ? work::withFallbackMethod : work::withFallbackHandler;
        calls.add(callers.submit(() -> seenBy.put(id, callInRequest(method, id))));
      }
      for (Future<?> call : calls) {
        call.get(60, TimeUnit.SECONDS);
      }
    } finally {
      Workers.stop(callers);
    }

    List<String> problems = new ArrayList<>();
    seenBy.forEach(
        (id, seen) -> {
          if (!id.equals(seen)) {
            problems.add(id + ": its fallback ran with " + seen);
          }
        });
    Map<String, Map<String, Integer>> linesById = new HashMap<>();
    Map<String, Set<String>> idsByThread = new HashMap<>();
    for (CapturedLog.Line line : logs.lines()) {
      String message = line.message();
      String id = line.mdc().get("request_id");
      boolean ours = message.startsWith(FallbackWork.ATTEMPT) || message.startsWith("fallback ");
      if (!ours && !message.contains(FallbackWork.class.getName() + "#")) {
        continue; // Fault Tolerance's lines about itself (set-up), not about these calls
      }
      if (ours && !message.endsWith(" " + id)) {
        problems.add("'" + message + "' ran with " + id + " on " + line.thread());
        continue;
      }
      if (id == null) {
        problems.add("no request id: '" + message + "' on " + line.thread());
        continue;
      }
      idsByThread.computeIfAbsent(line.thread(), k -> new HashSet<>()).add(id);
      String kind =
          ours ? message.substring(0, message.lastIndexOf(' ')) : faultToleranceKind(message);
      linesById.computeIfAbsent(id, k -> new HashMap<>()).merge(kind, 1, Integer::sum);
    }
    for (int i = 0; i < CALLS; i++) {
      String id = "req-c-" + i;
      String fallback = i % 2 == 0 ? "fallback method" : "fallback handler";
      assertThat(linesById.get(id))
          .as("lines of %s (problems: %s)", id, problems)
          .containsOnly(
              entry("attempt", FallbackWork.RETRIES + 1),
              entry("retrying", FallbackWork.RETRIES),
              entry("invoking fallback", 1),
              entry(fallback, 1));
    }
    assertThat(problems).isEmpty();
    assertThat(idsByThread.values())
        .as("a thread that served more than one caller (reuse is what would show a leak)")
        .anyMatch(ids -> ids.size() > 1);
  }

  /** Calls in request {@code id} and waits for the result: the id the fallback ran with. */
  static String callInRequest(Function<String, CompletionStage<String>> call, String id)
      throws Exception {
    Scope request = LogContext.bind("request_id", id);
    try {
      CompletionStage<String> result = call.apply(id);
      return result.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      request.close();
    }
  }

  /**
   * Of one call in request {@code id}: each attempt, each of Fault Tolerance's lines and the
   * fallback carry exactly {@code id}; the fallback ran off the caller's thread.
   */
  static void assertEveryLineOf(String id, String method, String fallbackPrefix, CapturedLog logs) {
    List<CapturedLog.Line> attempts = logs.withMessage(FallbackWork.ATTEMPT + id);
    List<CapturedLog.Line> faultTolerance =
        logs.lines().stream()
            .filter(line -> line.logger().startsWith(FAULT_TOLERANCE_LOGGERS))
            .filter(line -> line.message().contains("#" + method + " "))
            .toList();
    CapturedLog.Line fallback = logs.line(fallbackPrefix + id);

    assertThat(attempts).hasSize(FallbackWork.RETRIES + 1);
    assertThat(faultTolerance)
        .extracting(line -> faultToleranceKind(line.message()))
        .containsExactly("retrying", "retrying", "invoking fallback");
    List<CapturedLog.Line> all = new ArrayList<>(attempts);
    all.addAll(faultTolerance);
    all.add(fallback);
    assertThat(all)
        .allSatisfy(
            line ->
                assertThat(line.mdc())
                    .as("MDC of '%s' on %s", line.message(), line.thread())
                    .containsExactly(entry("request_id", id)));
    assertThat(fallback.thread()).isNotEqualTo(Thread.currentThread().getName());
  }

  /** "retrying" or "invoking fallback" for Fault Tolerance's two lines, else the message. */
  static String faultToleranceKind(String message) {
    if (message.contains("invocation failed, retrying")) {
      return "retrying";
    }
    if (message.contains("invocation failed, invoking fallback")) {
      return "invoking fallback";
    }
    return message;
  }
}
