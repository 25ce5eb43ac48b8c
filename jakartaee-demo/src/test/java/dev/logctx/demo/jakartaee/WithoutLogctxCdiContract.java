package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The server-level negative control: the same WAR without {@code logctx-cdi} (no provider, no
 * interceptors). Every path through the server's context service and {@code @Asynchronous} +
 * {@code @PreserveContext} lose the id; the paths that need only {@code logctx-api} and {@code
 * logctx-jaxrs} keep it. The "without" columns of docs/jakartaee.md.
 */
abstract class WithoutLogctxCdiContract extends RunningServer {

  @Test
  void without_logctx_cdi_the_servers_paths_lose_the_id_and_the_helpers_keep_it() throws Exception {
    Set<FollowUp> losing = EnumSet.copyOf(OrderServiceContract.PROVIDER_PATHS);
    losing.add(FollowUp.ASYNC_BEAN);
    losing.retainAll(followUps());
    Set<FollowUp> keeping = EnumSet.of(FollowUp.TASK, FollowUp.HELPER_ON_PLAIN_POOL, FollowUp.INVENTORY);
    int lost = 0;
    int total = 0;
    for (int i = 1; i <= 3; i++) {
      String id = name() + "-" + i;
      String user = "without-user-" + i;
      ServerLog.Mark mark = server.log().mark();
      HttpResponse<String> response = order(id, user).get(60, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(201);
      Set<String> messages = orderMessages();
      // one order at a time: every line with one of these messages since the mark is this order's
      List<LogLine> lines =
          server.log().await(mark, line -> messages.contains(line.message()), messages.size(), Duration.ofSeconds(120));
      for (LogLine line : lines) {
        @Nullable FollowUp followUp = line.followUp();
        if (followUp != null && losing.contains(followUp)) {
          total++;
          assertThat(line.requestId()).as(line.toString()).isNull();
          assertThat(line.userId()).as(line.toString()).isNull();
          lost++;
        } else {
          assertThat(followUp == null || keeping.contains(followUp)).as(line.toString()).isTrue();
          assertThat(line.requestId()).as(line.toString()).isEqualTo(id);
          assertThat(line.userId()).as(line.toString()).isEqualTo(user);
        }
      }
    }
    assertThat(server.log().raw())
        .anyMatch(line -> line.contains("'LogContext' is not registered"));
    System.out.printf(
        "[%s] without logctx-cdi: %d of %d lines through the server lost the id%n", name(), lost, total);
  }

}
