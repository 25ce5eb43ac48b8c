package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight): every follow-up line of every order carries that order's
 * request id and user id, exactly once, and no line carries another request's id. Then a second
 * round without {@code X-Request-ID}: generated ids, none of the first round seen again.
 *
 * <p>This holds for the ManagedExecutor and FT {@code @Asynchronous} follow-ups too, which Quarkus
 * runs on the request's own Vert.x duplicated context: logctx gives each of them its own copy of
 * the MDC, so the request closing its scopes as the response is written takes nothing from them
 * (see {@link CopySemanticsAfterTheResponseTest} for the deterministic version).
 */
@QuarkusTest
class ConcurrentOrdersKeepTheirIdsTest extends WithCapturedLog {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  private final ExecutorService clients = clientPool(IN_FLIGHT);

  @Test
  void every_follow_up_line_should_carry_its_own_request_id_and_user_id() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    List<OrderClient.Placed> first = placeAll(i -> "req-" + run + "-" + i, "user-" + run + "-a");
    assertThat(first).extracting(OrderClient.Placed::requestId).doesNotHaveDuplicates();
    assertFollowUpsCarryTheirIds(first, log.withMessagePrefix("follow-up: "));

    int firstRoundLines = log.lines().size();
    Set<String> firstRoundIds = new HashSet<>();
    first.forEach(placed -> firstRoundIds.add(placed.requestId()));

    List<OrderClient.Placed> second = placeAll(i -> null, "user-" + run + "-b");
    assertThat(second)
        .extracting(OrderClient.Placed::requestId)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[0-9a-f-]{36}"))
        .doesNotContainAnyElementsOf(firstRoundIds);
    List<CapturedLog.Line> secondRound = log.lines().subList(firstRoundLines, log.lines().size());
    assertThat(secondRound)
        .as("no line of round two shows an id of round one")
        .noneMatch(line -> firstRoundIds.contains(line.requestId()));
    assertFollowUpsCarryTheirIds(
        second,
        secondRound.stream().filter(line -> line.message().startsWith("follow-up: ")).toList());
  }

  private List<OrderClient.Placed> placeAll(
      java.util.function.IntFunction<String> requestId, String userPrefix) throws Exception {
    List<Future<OrderClient.Placed>> futures = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String id = requestId.apply(i);
      String user = userPrefix + "-" + i;
      futures.add(clients.submit(() -> OrderClient.place(id, user)));
    }
    List<OrderClient.Placed> placed = new ArrayList<>();
    for (Future<OrderClient.Placed> future : futures) {
      placed.add(future.get());
    }
    for (OrderClient.Placed order : placed) {
      OrderClient.awaitFollowUps(order.orderId());
    }
    return placed;
  }

  /**
   * Each order: each follow-up line exactly once with its own request id and user id; no line that
   * lost them, no line with another request's id or user.
   */
  private static void assertFollowUpsCarryTheirIds(
      List<OrderClient.Placed> orders, List<CapturedLog.Line> followUpLines) {
    Map<String, String> userByRequestId = new HashMap<>();
    orders.forEach(order -> userByRequestId.put(order.requestId(), order.userId()));
    Set<String> users = new HashSet<>(userByRequestId.values());

    Map<String, Map<String, Integer>> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (CapturedLog.Line line : followUpLines) {
      String requestId = line.requestId();
      String userId = line.userId();
      boolean foreignRequest = requestId != null && !userByRequestId.containsKey(requestId);
      boolean foreignUser =
          userId != null
              && (requestId == null
                  ? !users.contains(userId)
                  : !userId.equals(userByRequestId.get(requestId)));
      if (foreignRequest || foreignUser) {
        problems.add("ids of another request: " + line);
        continue;
      }
      if (requestId == null || userId == null) {
        problems.add("lost its ids: " + line);
        continue;
      }
      seen.computeIfAbsent(requestId, k -> new HashMap<>()).merge(line.message(), 1, Integer::sum);
    }
    for (OrderClient.Placed order : orders) {
      Map<String, Integer> counts = seen.getOrDefault(order.requestId(), Map.of());
      for (FollowUp followUp : FollowUp.values()) {
        int count = counts.getOrDefault(followUp.logLine(), 0);
        if (count != 1) {
          problems.add(order.requestId() + ": '" + followUp.logLine() + "' seen " + count + " times");
        }
      }
    }
    int expectedLines = orders.size() * FollowUp.values().length;
    assertThat(followUpLines).as("follow-up lines in all").hasSize(expectedLines);
    assertThat(problems).as("problems (%d)", problems.size()).isEmpty();
  }
}
