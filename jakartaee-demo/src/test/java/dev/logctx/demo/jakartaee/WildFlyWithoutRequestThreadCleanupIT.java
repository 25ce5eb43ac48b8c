package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The negative control of {@code a_filter_before_ours_never_sees_another_requests_id} on WildFly
 * (RESTEasy Classic, JBoss LogManager's MDC): the server of {@link WildFlyIT} started with {@code
 * -Dlogctx.jaxrs.request-thread-cleanup=false}, which leaves out logctx-jaxrs' servlet filter that
 * cleans the request thread.
 */
class WildFlyWithoutRequestThreadCleanupIT extends RunningServer {

  @Override
  List<String> command(int port) {
    return WildFlyIT.wildFly(port, List.of("-Dlogctx.jaxrs.request-thread-cleanup=false"));
  }

  @Override
  boolean isReadyLine(String line) {
    return WildFlyIT.isWildFlyReadyLine(line);
  }

  @Override
  String name() {
    return "wildfly-without-request-thread-cleanup";
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
  }
}
