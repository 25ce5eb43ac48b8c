package dev.logctx;

import dev.logctx.testsupport.CapturedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.internal.CallSite;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The call-site protocol of {@code @PreserveContext} without any framework: what an interceptor's
 * glue gets from {@link CallSite}, shown as an asynchronous interceptor would move a call to a
 * reused pooled thread between the two steps.
 */
class CallSiteTest {
  private static final Logger log = LoggerFactory.getLogger(CallSiteTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "body-pool"));

  @AfterEach
  void cleanup() throws Exception {
    Mdc.assertCleanAndShutdown(pool);
  }

  /** What a framework moving the call to the pool between the two steps does. */
  private Object callMovedToThePool(Object stored) throws Exception {
    Future<Object> moved =
        pool.submit(() -> CallSite.proceedInBody(stored, () -> {
          log.info("body");
          MDC.put("request_id", "changed-by-the-body");
          return "result";
        }));
    return moved.get(10, TimeUnit.SECONDS);
  }

  @Test
  void the_body_runs_in_the_call_site_context_on_a_reused_pooled_thread_and_leaves_it_clean()
      throws Exception {
    pool.submit(() -> MDC.put("stale", "left by an earlier task")).get(10, TimeUnit.SECONDS);
    MDC.put("request_id", "req-1");
    CallSite callSite = CallSite.capture();
    Object result = callSite.proceed(() -> callMovedToThePool(callSite), String.class);

    assertThat(result).isEqualTo("result");
    assertThat(logs.line("body").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("body").thread()).isEqualTo("body-pool");
    assertThat(Mdc.of(pool)).isEqualTo(Map.of("stale", "left by an earlier task"));
    assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
    MDC.clear();
  }

  @Test
  void should_not_carry_the_context_when_no_call_site_was_stored() throws Exception {
    MDC.put("request_id", "req-1");
    callMovedToThePool("not a call site");

    assertThat(logs.line("body").mdc()).as("negative control: the pool's own MDC").isEmpty();
    MDC.clear();
  }

  @Test
  void a_synchronous_body_that_changes_the_mdc_and_throws_leaves_the_callers_mdc_as_it_was() {
    MDC.put("request_id", "req-1");
    CallSite callSite = CallSite.capture();

    assertThatThrownBy(
            () ->
                callSite.proceed(
                    () ->
                        CallSite.proceedInBody(callSite, () -> {
                          MDC.put("request_id", "changed");
                          MDC.put("extra", "x");
                          throw new IllegalStateException("business failure");
                        }),
                    String.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("business failure");
    assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    MDC.clear();
  }

  @Test
  void a_declared_stage_comes_back_contextual_with_cancel_forwarded_any_other_type_as_it_is()
      throws Exception {
    CallSite callSite = CallSite.capture();
    CompletableFuture<String> own = new CompletableFuture<>();

    Object asStage = callSite.proceed(() -> own, CompletionStage.class);
    Object asObject = callSite.proceed(() -> own, Object.class);

    assertThat(asObject).isSameAs(own);
    assertThat(asStage).isInstanceOf(CompletableFuture.class).isNotSameAs(own);
    CompletableFuture<?> contextual = (CompletableFuture<?>) asStage;
    CompletableFuture<Void> stage;
    try (Scope scope = LogContext.bind("request_id", "adder")) {
      stage = contextual.thenRun(() -> log.info("stage"));
    }
    pool.submit(() -> own.complete("done")).get(10, TimeUnit.SECONDS);
    stage.get(10, TimeUnit.SECONDS);
    assertThat(logs.line("stage").mdc()).isEqualTo(Map.of("request_id", "adder"));

    CompletableFuture<String> second = new CompletableFuture<>();
    ((CompletableFuture<?>) callSite.proceed(() -> second, CompletableFuture.class)).cancel(true);
    assertThat(second).isCancelled();
  }
}
