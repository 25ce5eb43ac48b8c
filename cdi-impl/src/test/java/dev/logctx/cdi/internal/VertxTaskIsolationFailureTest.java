package dev.logctx.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A failure inside the Vert.x isolation never fails the task and is never silent: the task runs
 * without a context of its own (begin says "nothing to undo"), and the first failure is logged at
 * WARN with its reason, once, not per task.
 */
class VertxTaskIsolationFailureTest {
  private Vertx vertx;
  private ContextInternal request;
  private ContextInternal previous;
  private CapturedLog warnings;

  @BeforeEach
  void on_a_duplicated_context() {
    vertx = Vertx.vertx();
    request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    previous = request.beginDispatch();
    warnings = CapturedLog.ofLoggers(VertxTaskIsolation.class.getName()).install();
  }

  @AfterEach
  void stop() throws Exception {
    warnings.close();
    request.endDispatch(previous);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(MDC.getCopyOfContextMap()).as("test thread MDC after the test").isNullOrEmpty();
  }

  @Test
  void a_runtime_failure_is_logged_once_with_its_reason_and_the_tasks_still_run_in_place() {
    VertxTaskIsolation isolation =
        new VertxTaskIsolation(
            failing(() -> new IllegalStateException("no nested context today")));

    Object first = isolation.begin();
    Object second = isolation.begin();

    assertThat(first).as("first task: nothing to undo, it runs as without isolation").isNull();
    assertThat(second).as("second task").isNull();
    assertThat(Vertx.currentContext()).as("the thread stays on its context").isSameAs(request);
    assertThat(warnings.lines())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.level()).isEqualTo("WARN");
              assertThat(event.message())
                  .contains("no nested context today")
                  .contains("Logged once");
              assertThat(event.throwable())
                  .startsWith(IllegalStateException.class.getName() + ": ");
            });
    assertThat(isolation.sharedStorage())
        .as("a runtime failure does not turn the isolation off")
        .isSameAs(request);
  }

  @Test
  void a_linkage_error_turns_the_isolation_off_after_one_warning() {
    int[] attempts = {0};
    VertxTaskIsolation isolation =
        new VertxTaskIsolation(
            failing(
                () -> {
                  attempts[0]++;
                  return new NoSuchMethodError("ContextInternal.duplicate()");
                }));

    List<Object> begun = new ArrayList<>();
    for (int task = 0; task < 3; task++) {
      begun.add(isolation.begin());
    }

    assertThat(begun).containsOnlyNulls();
    assertThat(attempts[0]).as("tried once, then off").isEqualTo(1);
    assertThat(isolation.sharedStorage()).as("off: no storage to compare either").isNull();
    assertThat(warnings.lines())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.message())
                    .contains("ContextInternal.duplicate()")
                    .contains("Task isolation is now off"));
  }

  @Test
  void control_the_same_provider_without_the_failure_nests_and_logs_nothing() {
    VertxTaskIsolation isolation = new VertxTaskIsolation(VertxContext::newNestedContext);
    Object begun = isolation.begin();
    assertThat(begun).isNotNull();
    assertThat(Vertx.currentContext()).isNotSameAs(request);
    isolation.end(begun);
    assertThat(Vertx.currentContext()).isSameAs(request);
    assertThat(warnings.lines()).isEmpty();
  }

  private interface Failure {
    Throwable make();
  }

  private static UnaryOperator<Context> failing(Failure failure) {
    return context -> {
      Throwable thrown = failure.make();
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
      throw (RuntimeException) thrown;
    };
  }
}
