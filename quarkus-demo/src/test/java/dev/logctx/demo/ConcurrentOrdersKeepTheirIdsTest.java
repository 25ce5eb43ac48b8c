package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * 100 orders at once (16 in flight): every follow-up line of every order carries that order's
 * request id and user id, exactly once, and no line carries another request's id. Then a second
 * round without {@code X-Request-ID}: generated ids, none of the first round seen again.
 *
 * <p>{@link KnownLimit}: a ManagedExecutor or FT {@code @Asynchronous} line can lose its keys when
 * the request closes its scopes just as it logs (seen for 1 to 5 lines in 600 here). The main test
 * therefore accepts, for those two paths only, a line that lost its keys, never one with another
 * request's; {@link
 * #shared_context_paths_should_keep_their_ids_after_the_response} asserts the full promise and
 * is disabled until that issue lands.
 */
@QuarkusTest
class ConcurrentOrdersKeepTheirIdsTest {
  private static final int ORDERS = 100;
  private static final int IN_FLIGHT = 16;

  private CapturedLog log;
  private ExecutorService clients;

  @BeforeEach
  void start() {
    log = CapturedLog.install();
    clients = Executors.newFixedThreadPool(IN_FLIGHT);
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    log.close();
  }

  @Test
  @Disabled(
      "ManagedExecutor and FT @Asynchronous tasks share the request's Vert.x MDC map; closing the"
          + " request's scopes strips it from them (issue: copy semantics inside Quarkus)")
  void shared_context_paths_should_keep_their_ids_after_the_response() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    List<OrderClient.Placed> orders = placeAll(i -> "req-" + run + "-" + i, "user-" + run);
    assertFollowUpsCarryTheirIds(orders, log.followUpLines(), EnumSet.noneOf(FollowUp.class));
  }

  @Test
  void every_follow_up_line_should_carry_its_own_request_id_and_user_id() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    List<OrderClient.Placed> first = placeAll(i -> "req-" + run + "-" + i, "user-" + run + "-a");
    assertThat(first).extracting(OrderClient.Placed::requestId).doesNotHaveDuplicates();
    assertFollowUpsCarryTheirIds(first, log.followUpLines(), KnownLimit.SHARING_THE_REQUEST_MDC);

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
        secondRound.stream().filter(line -> line.message().startsWith("follow-up: ")).toList(),
        KnownLimit.SHARING_THE_REQUEST_MDC);
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
   * Each order: each follow-up line exactly once with its own request id and user id; no line with
   * another request's id or user. A line of a path in {@code mayLoseKeys} may have lost its keys
   * (the known limit above): it is counted, not failed.
   */
  private static void assertFollowUpsCarryTheirIds(
      List<OrderClient.Placed> orders,
      List<CapturedLog.Line> followUpLines,
      Set<FollowUp> mayLoseKeys) {
    Map<String, String> userByRequestId = new HashMap<>();
    orders.forEach(order -> userByRequestId.put(order.requestId(), order.userId()));
    Set<String> users = new HashSet<>(userByRequestId.values());
    Map<String, FollowUp> byLine = new HashMap<>();
    for (FollowUp followUp : FollowUp.values()) {
      byLine.put(followUp.logLine(), followUp);
    }

    Map<String, Map<String, Integer>> seen = new HashMap<>();
    Map<FollowUp, Integer> lost = new java.util.EnumMap<>(FollowUp.class);
    List<String> problems = new ArrayList<>();
    for (CapturedLog.Line line : followUpLines) {
      FollowUp followUp = byLine.get(line.message());
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
        if (followUp != null && mayLoseKeys.contains(followUp)) {
          lost.merge(followUp, 1, Integer::sum);
        } else {
          problems.add("lost its ids: " + line);
        }
        continue;
      }
      seen.computeIfAbsent(requestId, k -> new HashMap<>()).merge(line.message(), 1, Integer::sum);
    }
    int lostTotal = lost.values().stream().mapToInt(Integer::intValue).sum();
    for (OrderClient.Placed order : orders) {
      Map<String, Integer> counts = seen.getOrDefault(order.requestId(), Map.of());
      for (FollowUp followUp : FollowUp.values()) {
        int count = counts.getOrDefault(followUp.logLine(), 0);
        boolean acceptable = count == 1 || (count == 0 && mayLoseKeys.contains(followUp));
        if (!acceptable) {
          problems.add(order.requestId() + ": '" + followUp.logLine() + "' seen " + count + " times");
        }
      }
    }
    int expectedLines = orders.size() * FollowUp.values().length;
    assertThat(followUpLines).as("follow-up lines in all").hasSize(expectedLines);
    assertThat(problems).as("problems (%d)", problems.size()).isEmpty();
    if (lostTotal > 0) {
      System.out.println("known limit (shared Vert.x MDC map): lines that lost their ids " + lost);
    }
  }
}
