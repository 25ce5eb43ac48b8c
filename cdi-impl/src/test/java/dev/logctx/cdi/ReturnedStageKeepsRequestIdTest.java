package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code @PreserveContext} method returns a stage that another thread completes later: the
 * caller's dependent stages run on that thread, in the call-site context; the declared return type
 * is kept.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturnedStageKeepsRequestIdTest {
  private static final Logger log = LoggerFactory.getLogger(ReturnedStageKeepsRequestIdTest.class);

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private final ExecutorService completer = Workers.singleThread("completer");
  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs = CapturedLog.attachToRootLogger();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.detach();
    assertThat(Workers.mdcOf(completer)).as("completer thread MDC after the test").isEmpty();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @AfterAll
  void stop_the_completer() throws InterruptedException {
    Workers.stop(completer);
  }

  private StageWork work() {
    return weld.select(StageWork.class).get();
  }

  @Test
  void should_run_the_callers_dependent_stages_in_the_call_site_context() throws Exception {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();
    CompletableFuture<Void> last;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      last =
          work()
              .preservedStage(completedElsewhere)
              .thenApply(v -> logged("dependent stage", v))
              .thenAccept(v -> log.info("second dependent stage"))
              .thenRunAsync(() -> log.info("async dependent stage"))
              .toCompletableFuture();
    } finally {
      request.close();
    }
    completer.execute(() -> completedElsewhere.complete("value"));
    last.get(10, TimeUnit.SECONDS);

    for (String line : new String[] {"dependent stage", "second dependent stage"}) {
      assertThat(logs.mdcOf(line)).as(line).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.threadOf(line)).as(line).startsWith("completer");
    }
    assertThat(logs.mdcOf("async dependent stage")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.mdcOf("preservedStage body")).containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void should_not_run_the_callers_dependent_stages_in_its_context_without_PreserveContext()
      throws Exception {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();
    CompletableFuture<Void> last;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      last = work().future(completedElsewhere).thenAccept(v -> log.info("plain dependent stage"));
    } finally {
      request.close();
    }
    completer.execute(() -> completedElsewhere.complete("value"));
    last.get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("plain dependent stage")).as("negative control").isEmpty();
    assertThat(logs.threadOf("plain dependent stage")).startsWith("completer");
  }

  @Test
  void should_run_a_failed_stage_handler_in_the_call_site_context() throws Exception {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();
    CompletableFuture<String> handled;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      handled =
          work().preservedFuture(completedElsewhere).exceptionally(e -> logged("on failure", "x"));
    } finally {
      request.close();
    }
    completer.execute(
        () -> completedElsewhere.completeExceptionally(new IllegalStateException("boom")));
    handled.get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("on failure")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("on failure")).startsWith("completer");
  }

  @Test
  void should_run_a_stage_added_later_on_another_thread_in_the_call_site_context()
      throws Exception {
    CompletableFuture<String> returned;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      returned = work().preservedFuture(CompletableFuture.completedFuture("done"));
    } finally {
      request.close();
    }
    completer
        .submit(
            () -> {
              Scope other = LogContext.bind("request_id", "someone-else");
              try {
                returned.thenAccept(v -> log.info("added later")).join();
                log.info("completer's own line");
              } finally {
                other.close();
              }
            })
        .get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("added later")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.mdcOf("completer's own line"))
        .containsExactly(entry("request_id", "someone-else"));
  }

  @Test
  void should_keep_the_declared_return_type() {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();

    CompletableFuture<String> future = work().preservedFuture(completedElsewhere);
    Future<String> plainFuture = work().preservedPlainFuture(completedElsewhere);

    assertThat(future).isInstanceOf(CompletableFuture.class).isNotSameAs(completedElsewhere);
    assertThat(plainFuture).as("a declared Future is returned as is").isSameAs(completedElsewhere);
    CompletionStage<String> stage = work().preservedStage(completedElsewhere);
    assertThat(stage).isInstanceOf(CompletableFuture.class);
    completedElsewhere.complete("done");
    assertThat(future.join()).isEqualTo("done");
    assertThat(stage.toCompletableFuture().join()).isEqualTo("done");
  }

  @Test
  void should_cancel_the_returned_stage_when_the_caller_cancels() {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();

    CompletableFuture<String> future = work().preservedFuture(completedElsewhere);
    future.cancel(true);

    assertThat(completedElsewhere).isCancelled();
  }

  private static String logged(String line, String value) {
    log.info(line);
    return value;
  }
}
