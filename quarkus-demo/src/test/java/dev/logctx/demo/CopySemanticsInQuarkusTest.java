package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, "copy semantics inside Quarkus": a task started through logctx runs in a copy of the
 * request's MDC, also where Quarkus runs it on the request's own Vert.x duplicated context (the
 * injected {@code ManagedExecutor}, Fault Tolerance {@code @Asynchronous}, Quarkus's worker pool).
 * Real HTTP requests to {@link CopySemanticsResource}; assertions on the captured log records and
 * the MDC they carried. Each test runs for every {@link Handover} that starts the task through
 * logctx:
 *
 * <ul>
 *   <li>a task that has started and waits logs the request id of the hand-over, not the one the
 *       request binds meanwhile; and the request keeps that later binding when the task is over;
 *   <li>what a task puts into or removes from its MDC never reaches the request, neither while the
 *       task runs nor after it.
 * </ul>
 *
 * <p><b>Negative control — what logctx fixes.</b> In Quarkus 3.33 the MDC of a request is a map
 * kept in the local data of the request's Vert.x duplicated context, and Quarkus's worker pool (the
 * executor behind the injected {@code ManagedExecutor} and Fault Tolerance {@code @Asynchronous})
 * runs every task on the Vert.x context of the thread that submitted it (or on a duplicate whose
 * local data holds the same map), whatever propagates context on top. So a task handed straight to
 * that worker pool ({@link Handover#WORKER_POOL_WITHOUT_LOGCTX}, no logctx on the way) reads and
 * writes the request's live map: it logs the id the request bound after handing it over, and its
 * own writes show up in the request's lines. The same task on a plain pool ({@link
 * Handover#PLAIN_POOL_WITHOUT_LOGCTX}, no Vert.x context) shares nothing, and carries nothing
 * either: the control for the handovers to threads without a Vert.x context. A {@code
 * ManagedExecutor} or a Fault Tolerance method without logctx's provider cannot be had in this
 * application: a {@code ManagedExecutor.Builder} has no {@code unchanged} (the "LogContext" type is
 * always propagated or cleared, so logctx's provider always runs), and Fault Tolerance wraps its
 * tasks in a default {@code ThreadContext}; hence the worker pool itself.
 */
@QuarkusTest
class CopySemanticsInQuarkusTest extends WithCapturedLog {
  private final String run = Long.toString(System.nanoTime(), 36);

  static Stream<Handover> withLogctx() {
    return Arrays.stream(Handover.values()).filter(Handover::withLogctx);
  }

  // ---- a task does not see what the request binds after handing it over -----------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("withLogctx")
  void task_should_log_the_request_id_of_the_hand_over_not_a_later_one(Handover handover) {
    String id = requestId("later", handover);
    String user = "user-" + run;

    Map<String, String> requestAfterTask =
        post("/copy-semantics/later-change/" + handover, id, user)
            .getMap("$", String.class, String.class);

    assertThat(line(id, "request changed its id").requestId())
        .as("sanity: the request bound the new id")
        .isEqualTo(id + "-changed");
    assertThat(line(id, "task ran"))
        .as("the task's line")
        .satisfies(
            line -> {
              assertThat(line.requestId()).isEqualTo(id);
              assertThat(line.userId()).isEqualTo(user);
            });
    assertThat(line(id, "request after its task"))
        .as("the request's line after its task: the task's end undid nothing of the request's")
        .satisfies(
            line -> {
              assertThat(line.requestId()).isEqualTo(id + "-changed");
              assertThat(line.userId()).isEqualTo(user);
            });
    assertThat(requestAfterTask)
        .as("the request's MDC after its task")
        .containsEntry("request_id", id + "-changed")
        .containsEntry("user_id", user);
  }

  /** Negative control: Quarkus's worker pool alone runs the task in the request's live map. */
  @Test
  void without_logctx_a_worker_pool_task_should_see_what_the_request_bound_later() {
    Handover handover = Handover.WORKER_POOL_WITHOUT_LOGCTX;
    String id = requestId("later", handover);
    String user = "user-" + run;

    post("/copy-semantics/later-change/" + handover, id, user);

    assertThat(line(id, "task ran"))
        .as("the task's line shows the id bound after the hand-over: one map, not a copy")
        .satisfies(
            line -> {
              assertThat(line.requestId()).isEqualTo(id + "-changed");
              assertThat(line.userId()).isEqualTo(user);
              assertThat(line.thread()).startsWith("executor-thread-");
            });
  }

  /**
   * Negative control of the handovers to threads without a Vert.x context: nothing shared, and
   * without logctx nothing carried, so the positive test's assertion can fail.
   */
  @Test
  void without_logctx_a_plain_pool_task_should_carry_neither_id() {
    Handover handover = Handover.PLAIN_POOL_WITHOUT_LOGCTX;
    String id = requestId("later", handover);
    String user = "user-" + run;

    post("/copy-semantics/later-change/" + handover, id, user);

    assertThat(line(id, "task ran"))
        .satisfies(
            line -> {
              assertThat(line.requestId()).isNotIn(id, id + "-changed");
              assertThat(line.userId()).isNotEqualTo(user);
            });
  }

  // ---- what a task writes never reaches the request --------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("withLogctx")
  void request_should_keep_its_ids_while_and_after_its_task_changes_its_own(Handover handover) {
    String id = requestId("child", handover);
    String user = "user-" + run;

    JsonPath answer = post("/copy-semantics/child-writes/" + handover, id, user);

    assertThat(line(id, "task changed its own MDC"))
        .as("sanity: the task's line shows its own writes")
        .satisfies(
            line -> {
              assertThat(line.requestId()).isEqualTo("child");
              assertThat(line.userId()).isNull();
            });
    for (String message : new String[] {"request while its task runs", "request after its task"}) {
      assertThat(line(id, message))
          .as("the request's line '%s'", message)
          .satisfies(
              line -> {
                assertThat(line.requestId()).isEqualTo(id);
                assertThat(line.userId()).isEqualTo(user);
              });
    }
    for (String when : new String[] {"whileTaskRuns", "afterTask"}) {
      assertThat(answer.getMap(when, String.class, String.class))
          .as("the request's MDC, %s", when)
          .containsEntry("request_id", id)
          .containsEntry("user_id", user);
    }
  }

  /** Negative control: the worker pool's task writes the request's own map. */
  @Test
  void without_logctx_a_worker_pool_tasks_writes_should_reach_the_request() {
    Handover handover = Handover.WORKER_POOL_WITHOUT_LOGCTX;
    String id = requestId("child", handover);
    String user = "user-" + run;

    JsonPath answer = post("/copy-semantics/child-writes/" + handover, id, user);

    for (String message : new String[] {"request while its task runs", "request after its task"}) {
      assertThat(line(id, message))
          .as("the request's line '%s' shows the task's writes", message)
          .satisfies(
              line -> {
                assertThat(line.requestId()).isEqualTo("child");
                assertThat(line.userId()).isNull();
              });
    }
    assertThat(answer.getMap("whileTaskRuns", String.class, String.class))
        .containsEntry("request_id", "child")
        .doesNotContainKey("user_id");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private String requestId(String scenario, Handover handover) {
    return "cs-" + scenario + "-" + run + "-" + handover.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** POST with {@code X-Request-ID: id} and {@code user}; expects 200 and the id echoed. */
  private static JsonPath post(String path, String id, String user) {
    return OrderClient.postWithId(path, id, user);
  }

  /** The one captured line {@code "copy-semantics: <id> <what>"}. */
  private CapturedLog.Line line(String id, String what) {
    return log.line("copy-semantics: " + id + " " + what);
  }
}
