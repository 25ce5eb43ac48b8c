package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Work that stays on the request's thread — a synchronous {@code @PreserveContext} call, {@code
 * LogContext.run}, a Mutiny callback run at once through logctx's context provider, a synchronous
 * stage of a contextual future that is already done — runs on the request's own Vert.x duplicated
 * context: a Vert.x local its body writes is the request's (as it would be without logctx), while
 * an MDC key its body puts is gone once it returns (isolation).
 * Real HTTP requests to {@link SynchronousWorkResource}; assertions on the captured log records and
 * on what the request saw afterwards.
 *
 * <p>Negative control ({@link SynchronousWay#PLAIN_CALL}): the same body called with no logctx on
 * the way leaves its MDC key in the request's MDC, so the isolation assertion can fail; it keeps
 * its Vert.x local, which is what the positive cases must match.
 */
@QuarkusTest
class SynchronousWorkKeepsVertxLocalsTest extends WithCapturedLog {
  private final String run = Long.toString(System.nanoTime(), 36);

  static Stream<SynchronousWay> withLogctx() {
    return Arrays.stream(SynchronousWay.values())
        .filter(SynchronousWay::withLogctx);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withLogctx")
  void request_should_see_the_vertx_local_and_not_the_mdc_key_the_body_wrote(SynchronousWay way) {
    String id = requestId(way);
    String user = "user-" + run;

    JsonPath answer = post(way, id, user);

    assertThat(answer.getString("local"))
        .as("the Vert.x local the body wrote, seen by the request after the call")
        .isEqualTo("local-of-" + id);
    assertThat(answer.getMap("mdc", String.class, String.class))
        .as("the request's MDC after the call")
        .containsEntry("request_id", id)
        .containsEntry("user_id", user)
        .doesNotContainKey("step");
    assertThat(line(id, "body"))
        .as("the body's line")
        .satisfies(
            line -> {
              assertThat(line.requestId()).isEqualTo(id);
              assertThat(line.userId()).isEqualTo(user);
            });
    assertThat(line(id, "request after the call").mdc())
        .as("the request's line after the call")
        .containsEntry("request_id", id)
        .doesNotContainKey("step");
  }

  /** Negative control: without logctx the body's MDC key stays in the request's MDC. */
  @Test
  void without_logctx_the_bodys_mdc_key_should_stay_in_the_request() {
    String id = requestId(SynchronousWay.PLAIN_CALL);

    JsonPath answer = post(SynchronousWay.PLAIN_CALL, id, "user-" + run);

    assertThat(answer.getString("local")).isEqualTo("local-of-" + id);
    assertThat(answer.getMap("mdc", String.class, String.class)).containsEntry("step", "body");
    assertThat(line(id, "request after the call").mdc()).containsEntry("step", "body");
  }

  private String requestId(SynchronousWay way) {
    return "sync-" + run + "-" + way.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static JsonPath post(SynchronousWay way, String id, String user) {
    return OrderClient.postWithId("/sync-work/" + way, id, user);
  }

  /** The one captured line {@code "sync-work: <id> <what>"}. */
  private CapturedLog.Line line(String id, String what) {
    return log.line("sync-work: " + id + " " + what);
  }
}
