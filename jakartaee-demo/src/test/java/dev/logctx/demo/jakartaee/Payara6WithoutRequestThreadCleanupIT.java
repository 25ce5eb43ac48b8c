package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The negative control of {@code a_filter_before_ours_never_sees_another_requests_id}: the uber jar
 * of {@link Payara6IT} with {@code -Dlogctx.jaxrs.request-thread-cleanup=false}, which leaves out
 * logctx-jaxrs' servlet filter that cleans the request thread. Then the server's request threads
 * keep the id of the asynchronous requests they served, and the application's early filter logs
 * it on later requests.
 */
class Payara6WithoutRequestThreadCleanupIT extends RunningServer {

  @Override
  List<String> command(int port) {
    return List.of(
        Jdks.currentJava(),
        "-Dlogctx.jaxrs.request-thread-cleanup=false",
        "-jar",
        System.getProperty("logctx.it.uber-jar"),
        "--port",
        Integer.toString(port));
  }

  @Override
  String name() {
    return "payara6-without-request-thread-cleanup";
  }

  @Override
  Set<FollowUp> followUps() {
    return ee10FollowUps();
  }

  @Test
  void without_the_cleanup_a_filter_before_ours_sees_earlier_requests_ids() throws Exception {
    RequestThreadLeftovers.Result result = RequestThreadLeftovers.measure(this, "early", 400, 4);
    result.print(name());
    assertThat(result.lines()).isEqualTo(400);
    assertThat(result.threads()).as("server threads").isLessThanOrEqualTo(400 / 20);
    assertThat(result.foreign()).as("early lines with another request's id").isPositive();
    assertThat(server.log().raw())
        .as("the server says the cleanup is off")
        .anyMatch(line -> line.contains("logctx.jaxrs.request-thread-cleanup=false"));
  }
}
