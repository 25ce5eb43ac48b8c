package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
 * A {@code @PreserveContext} method returns a stage that another thread completes later: each
 * dependent stage runs on that thread in the context of the thread that added it (the caller's,
 * for the caller's stages; another request's, for a stage that request adds later); {@code
 * ...Async} stages keep the default executor of the method's own future; cancelling reaches it;
 * the declared return type is kept.
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
    logs = CapturedLog.ofLoggers("dev.logctx").install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
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
  void should_run_a_stage_added_later_in_another_request_in_that_requests_context()
      throws Exception {
    CompletableFuture<String> returned;
    Scope requestA = LogContext.bind("request_id", "req-A");
    try {
      returned = work().preservedFuture(CompletableFuture.completedFuture("done"));
    } finally {
      requestA.close();
    }
    completer
        .submit(
            () -> {
              Scope requestB = LogContext.bind("request_id", "req-B");
              try {
                returned.thenAccept(v -> log.info("added later")).join();
                log.info("completer's own line");
              } finally {
                requestB.close();
              }
            })
        .get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("added later")).containsExactly(entry("request_id", "req-B"));
    assertThat(logs.mdcOf("completer's own line")).containsExactly(entry("request_id", "req-B"));
  }

  @Test
  void should_run_a_stage_added_where_the_mdc_is_empty_with_an_empty_mdc() throws Exception {
    CompletableFuture<String> completedElsewhere = new CompletableFuture<>();
    CompletableFuture<String> returned;
    Scope requestA = LogContext.bind("request_id", "req-A");
    try {
      returned = work().preservedFuture(completedElsewhere);
    } finally {
      requestA.close();
    }
    CompletableFuture<Void> stage = returned.thenAccept(v -> log.info("added with no context"));
    completer
        .submit(
            () -> {
              Scope stale = LogContext.bind("request_id", "stale-on-completer");
              try {
                completedElsewhere.complete("value");
              } finally {
                stale.close();
              }
            })
        .get(10, TimeUnit.SECONDS);
    stage.get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("added with no context")).isEmpty();
    assertThat(logs.threadOf("added with no context")).startsWith("completer");
  }

  @Test
  void should_run_async_stages_on_the_default_executor_of_the_methods_own_future()
      throws Exception {
    ExecutorService managed = Workers.singleThread("managed-executor");
    try {
      ManagedFuture<String> own = new ManagedFuture<>(managed);
      CompletableFuture<String> stage;
      Scope request = LogContext.bind("request_id", "req-1");
      try {
        stage = work().preservedFuture(own).thenApplyAsync(v -> logged("async on managed", v));
      } finally {
        request.close();
      }
      own.complete("value");
      stage.get(10, TimeUnit.SECONDS);

      assertThat(logs.threadOf("async on managed")).startsWith("managed-executor");
      assertThat(logs.mdcOf("async on managed")).containsExactly(entry("request_id", "req-1"));
      assertThat(Workers.mdcOf(managed)).as("managed thread MDC afterwards").isEmpty();
    } finally {
      Workers.stop(managed);
    }
  }

  /** A framework's future: its {@code ...Async} stages run on the framework's executor. */
  private static final class ManagedFuture<T> extends CompletableFuture<T> {
    private final Executor managed;

    ManagedFuture(Executor managed) {
      this.managed = managed;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new ManagedFuture<>(managed);
    }

    @Override
    public Executor defaultExecutor() {
      return managed;
    }
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

  @Test
  void should_cancel_without_throwing_when_the_method_returned_a_minimal_stage() throws Exception {
    CompletableFuture<String> own = new CompletableFuture<>();
    CompletableFuture<String> future;
    CompletableFuture<String> handled;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      future = work().preservedMinimalStage(own).toCompletableFuture();
      handled = future.exceptionally(e -> logged("after cancel", "cancelled"));
    } finally {
      request.close();
    }
    assertThat(completer.submit(() -> future.cancel(true)).get(10, TimeUnit.SECONDS)).isTrue();

    assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("cancelled");
    assertThat(logs.mdcOf("after cancel")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("after cancel")).startsWith("completer");
    assertThat(future).isCancelled();
    assertThat(own).as("a read-only stage is not cancelled through").isNotCancelled();
    // without the interceptor the caller's future of the minimal stage cancels quietly too
    assertThat(work().minimalStage(own).toCompletableFuture().cancel(true)).isTrue();
  }

  private static String logged(String line, String value) {
    log.info(line);
    return value;
  }
}
