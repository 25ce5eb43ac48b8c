package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/**
 * {@code @PreserveContext} with Micronaut's {@code @Async}: the body runs in the MDC of the call,
 * on a reused pool thread, in isolation; a returned future follows the futures rule.
 */
@MicronautTest
class PreserveContextAsyncTest extends CapturingTest {
  private static final Logger log = LoggerFactory.getLogger(PreserveContextAsyncTest.class);

  @Inject AsyncWork work;


  @Test
  void the_async_body_runs_in_the_mdc_of_the_call_and_leaves_nothing_behind() throws Exception {
    MDC.put("request_id", "call-1");
    MDC.put("user_id", "alice");
    assertThat(work.preserved("one").get(10, TimeUnit.SECONDS)).isEqualTo("one");
    assertThat(MDC.getCopyOfContextMap())
        .as("the caller's MDC after the call")
        .isEqualTo(Map.of("request_id", "call-1", "user_id", "alice"));

    MDC.put("request_id", "call-2");
    MDC.remove("user_id");
    work.preserved("two").get(10, TimeUnit.SECONDS);

    CapturedLog.Line one = logs.line("body one");
    CapturedLog.Line two = logs.line("body two");
    assertThat(one.thread()).isEqualTo(TestExecutors.SINGLE).isEqualTo(two.thread());
    assertThat(one.mdc()).isEqualTo(Map.of("request_id", "call-1", "user_id", "alice"));
    // the second task on the same thread sees neither the first call's keys nor the first
    // task's own changes
    assertThat(two.mdc()).isEqualTo(Map.of("request_id", "call-2"));
  }

  @Test
  void negative_control_without_the_advice_the_async_body_loses_the_id() throws Exception {
    MDC.put("request_id", "call-3");
    work.plain("plain").get(10, TimeUnit.SECONDS);
    assertThat(logs.line("body plain").requestId()).isNull();
  }

  @Test
  void a_synchronous_call_restores_the_callers_mdc() {
    MDC.put("request_id", "call-4");
    assertThat(work.synchronous("sync")).isEqualTo("sync");
    assertThat(logs.line("body sync").requestId()).isEqualTo("call-4");
    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "call-4"));
  }

  @Test
  void a_dependent_stage_runs_in_the_context_of_the_thread_that_adds_it() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MDC.put("request_id", "at-call");
    CompletableFuture<String> result = work.preservedAfter(release, "future");
    MDC.put("request_id", "at-stage");
    CompletableFuture<String> dependent =
        result.thenApply(
            v -> {
              log.info("dependent {}", v);
              return v;
            });
    MDC.put("request_id", "later");
    release.countDown();
    dependent.get(10, TimeUnit.SECONDS);

    assertThat(logs.line("body future").requestId()).isEqualTo("at-call");
    CapturedLog.Line stage = logs.line("dependent future");
    assertThat(stage.thread()).as("completed on the pool thread").isEqualTo(TestExecutors.SINGLE);
    assertThat(stage.requestId()).isEqualTo("at-stage");
  }

  @Test
  void negative_control_without_the_advice_a_dependent_stage_loses_the_id() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MDC.put("request_id", "at-call");
    CompletableFuture<String> result = work.plainAfter(release, "plain-future");
    CompletableFuture<String> dependent =
        result.thenApply(
            v -> {
              log.info("dependent {}", v);
              return v;
            });
    release.countDown();
    dependent.get(10, TimeUnit.SECONDS);
    CapturedLog.Line stage = logs.line("dependent plain-future");
    assertThat(stage.thread()).isEqualTo(TestExecutors.SINGLE);
    assertThat(stage.requestId()).isNull();
  }

  @Test
  void cancelling_what_a_method_returned_as_a_minimal_stage_does_not_throw() throws Exception {
    CompletableFuture<String> own = new CompletableFuture<>();
    MDC.put("request_id", "at-call");
    CompletableFuture<String> future = work.preservedMinimalStage(own).toCompletableFuture();
    CompletableFuture<String> handled =
        future.exceptionally(
            e -> {
              log.info("after cancel");
              return "cancelled";
            });
    MDC.clear();
    ExecutorService canceller =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "canceller"));
    try {
      canceller.submit(() -> MDC.put("request_id", "stale")).get(10, TimeUnit.SECONDS);
      assertThat(canceller.submit(() -> future.cancel(true)).get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      canceller.shutdownNow();
    }

    assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("cancelled");
    CapturedLog.Line line = logs.line("after cancel");
    assertThat(line.thread()).isEqualTo("canceller");
    assertThat(line.requestId()).isEqualTo("at-call");
    assertThat(future).isCancelled();
    assertThat(own).as("a read-only stage is not cancelled through").isNotCancelled();
    // without the advice the caller's future of the minimal stage cancels quietly too
    assertThat(work.plainMinimalStage(own).toCompletableFuture().cancel(true)).isTrue();
  }

  @Test
  void a_returned_publisher_is_returned_as_it_is_and_its_signals_run_where_it_is_subscribed() {
    MDC.put("request_id", "at-call");
    Publisher<String> publisher = work.publisher("pub");
    assertThat(publisher).isSameAs(work.lastPublisher());
    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "at-call"));
    MDC.put("request_id", "at-subscribe");
    assertThat(Mono.from(publisher).block(Duration.ofSeconds(10))).isEqualTo("pub");
    assertThat(logs.line("assembling pub").requestId()).isEqualTo("at-call");
    assertThat(logs.line("signal pub").requestId()).isEqualTo("at-subscribe");
  }
}
