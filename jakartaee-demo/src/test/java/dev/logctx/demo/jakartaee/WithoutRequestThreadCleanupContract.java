package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The negative control of {@code a_filter_before_ours_never_sees_another_requests_id}: a server
 * started with {@code -Dlogctx.jaxrs.request-thread-cleanup=false}, which leaves out logctx-jaxrs'
 * servlet filter that cleans the request thread. Then the server's request threads keep the id of
 * the asynchronous requests they served, and the application's early filter logs it on later
 * requests.
 */
abstract class WithoutRequestThreadCleanupContract extends RunningServer {
  /** The system property that turns the cleanup off, as a JVM option. */
  static final String CLEANUP_OFF = "-Dlogctx.jaxrs.request-thread-cleanup=false";

  @Override
  final Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  /** Checks what the server's own log says about the cleanup; nothing unless a server says it. */
  void assertTheServerLogShowsTheCleanupOff() {}

  @Test
  void without_the_cleanup_a_filter_before_ours_sees_earlier_requests_ids() throws Exception {
    RequestThreadLeftovers.Result result = RequestThreadLeftovers.measure(this, "early", 400, 4);
    result.print(name());
    assertThat(result.lines()).isEqualTo(400);
    assertThat(result.threads()).as("server threads").isLessThanOrEqualTo(400 / 20);
    assertThat(result.foreign()).as("early lines with another request's id").isPositive();
    assertTheServerLogShowsTheCleanupOff();
  }

  /**
   * This server runs without {@code -Dlogctx.demo.log-spans=true} and without an OTLP endpoint, as
   * a user starts the demo: the WAR's SDK exports nowhere and still makes each request's span, so a
   * request without {@code traceparent} logs a fresh trace id.
   */
  @Test
  void with_no_exporter_configured_a_request_still_has_a_trace_of_its_own() throws Exception {
    String id = name() + "-no-exporter";
    ServerLog.Mark mark = server.log().mark();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/async/sync")).header("X-Request-ID", id).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    List<LogLine> lines =
        server.log().await(mark, line -> id.equals(line.requestId()), 1, OrderServiceContract.LINES_TIMEOUT);
    assertThat(lines.get(0).mdc().get("trace_id")).as("trace_id of %s", lines.get(0)).matches("[0-9a-f]{32}");
  }
}
