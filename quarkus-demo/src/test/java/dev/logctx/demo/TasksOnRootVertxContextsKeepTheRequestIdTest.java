package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task handed over through logctx that runs on a Vert.x <em>root</em> context — an event-loop
 * timer, {@code runOnContext} on a root context, unordered {@code executeBlocking} — logs the
 * request's id and user, and keeps what it puts in its MDC for its own later lines. Quarkus 3.33
 * keeps the MDC in a duplicated context and, on a root context, makes a new empty one on every
 * access, so logctx runs such a task on a duplicated context of its own (a duplicate of that root)
 * and gives the thread its root context back afterwards. Real HTTP requests to {@link
 * RootContextResource}; assertions on the captured log records.
 *
 * <p>Negative control: the same task not wrapped by logctx logs no id, and its own {@code MDC.put}
 * is gone by its next line — what Quarkus does on a root context.
 */
@QuarkusTest
class TasksOnRootVertxContextsKeepTheRequestIdTest extends WithCapturedLog {
  private final String run = Long.toString(System.nanoTime(), 36);

  @ParameterizedTest(name = "{0}")
  @EnumSource(RootContextWay.class)
  void a_logctx_task_on_a_root_context_should_log_the_request_id_and_keep_its_own_mdc(
      RootContextWay way) {
    String id = requestId(way, "logctx");
    String user = "user-" + run;

    JsonPath answer = post(way, true, id, user);

    assertThat(answer.getBoolean("handlerOnRootContext"))
        .as("precondition: the Vert.x handler runs on a root context")
        .isTrue();
    CapturedLog.Line task = line(id, "task");
    assertThat(task.requestId()).as("the task's line: request_id").isEqualTo(id);
    assertThat(task.userId()).as("the task's line: user_id").isEqualTo(user);
    assertThat(line(id, "task after its put").mdc())
        .as("the task's line after its own MDC.put")
        .containsEntry("request_id", id)
        .containsEntry("user_id", user)
        .containsEntry("step", "task");
    assertThat(answer.getBoolean("taskOnDuplicatedContext"))
        .as("the task ran on a duplicated context")
        .isTrue();
    assertThat(answer.getBoolean("taskContextOfTheSameRoot"))
        .as("the task's context is a duplicate of the root it was run on")
        .isTrue();
    assertThat(answer.getBoolean("backOnRootAfterTask"))
        .as("the thread is back on its root context after the task")
        .isTrue();
    assertThat(line(id, "request after the task").mdc())
        .as("the request's line after the task")
        .containsEntry("request_id", id)
        .containsEntry("user_id", user)
        .doesNotContainKey("step");
  }

  /** Negative control: what Quarkus alone does with a task on a root context. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(RootContextWay.class)
  void without_logctx_a_task_on_a_root_context_should_log_no_id_and_lose_its_own_put(
      RootContextWay way) {
    String id = requestId(way, "plain");

    JsonPath answer = post(way, false, id, "user-" + run);

    assertThat(answer.getBoolean("handlerOnRootContext")).isTrue();
    assertThat(answer.getBoolean("taskOnDuplicatedContext")).isFalse();
    assertThat(line(id, "task").mdc()).as("the plain task's line").doesNotContainKey("request_id");
    assertThat(line(id, "task after its put").mdc())
        .as("the plain task's line after its own MDC.put")
        .doesNotContainKey("step");
  }

  private String requestId(RootContextWay way, String kind) {
    return "root-" + run + "-" + kind + "-" + way.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static JsonPath post(RootContextWay way, boolean withLogctx, String id, String user) {
    return OrderClient.postWithId("/root-context/" + way + "?logctx=" + withLogctx, id, user);
  }

  /** The one captured line {@code "root-context: <id> <what>"}. */
  private CapturedLog.Line line(String id, String what) {
    return log.line("root-context: " + id + " " + what);
  }
}
