package dev.logctx.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "copy semantics inside Quarkus", under load: 200 requests (16 in flight) each start
 * background work by every {@link Handover} and answer once it has started; the work then waits
 * until the client has received the response — so {@code RequestIdFilter}'s response filter has
 * already removed {@code request_id} and the endpoint its {@code user_id} — and logs again. Every
 * background line of a handover through logctx carries its own request's id and user: none missing,
 * none another request's.
 *
 * <p><b>Negative control — what logctx fixes.</b> The same scenario with the work handed straight
 * to Quarkus's worker pool ({@link Handover#WORKER_POOL_WITHOUT_LOGCTX}): Quarkus runs it on the
 * request's own Vert.x duplicated context, whose MDC map is the request's. Its first line carries
 * the request's ids (read from the live map while the request still holds them); its line after the
 * response has lost both, because the filter and the endpoint removed them from that very map. On a
 * plain pool without logctx ({@link Handover#PLAIN_POOL_WITHOUT_LOGCTX}) the work never had them.
 * See {@link CopySemanticsInQuarkusTest} for the single-request cases.
 */
@QuarkusTest
class CopySemanticsAfterTheResponseTest extends WithCapturedLog {
  private static final int REQUESTS = 200;
  private static final int IN_FLIGHT = 16;
  private static final String STARTED = "started";
  private static final String AFTER_THE_RESPONSE = "after the response";
  private static final Pattern MESSAGE =
      Pattern.compile("copy-semantics: (\\S+) ([A-Z_]+) (started|after the response|failed)");

  private final String run = Long.toString(System.nanoTime(), 36);

  private final ExecutorService clients = clientPool(IN_FLIGHT);

  @Test
  void background_lines_should_keep_their_own_ids_after_the_response() throws Exception {
    List<Handover> withLogctx =
        Arrays.stream(Handover.values()).filter(Handover::withLogctx).toList();
    Map<String, String> userById = sendAll("with", withLogctx);
    Map<Handover, Map<String, List<CapturedLog.Line>>> lines =
        linesByHandover(userById, withLogctx);

    List<String> problems = new ArrayList<>();
    Map<Handover, Integer> lost = new EnumMap<>(Handover.class);
    for (Handover handover : withLogctx) {
      for (Map.Entry<String, List<CapturedLog.Line>> phase : lines.get(handover).entrySet()) {
        Map<String, Integer> seen = new HashMap<>();
        for (CapturedLog.Line line : phase.getValue()) {
          String id = idInMessage(line);
          String user = userById.get(id);
          if (line.requestId() == null || line.userId() == null) {
            lost.merge(handover, 1, Integer::sum);
            problems.add("lost its ids: " + line);
          } else if (!line.requestId().equals(id) || !line.userId().equals(user)) {
            problems.add("ids of another request: " + line);
          } else {
            seen.merge(id, 1, Integer::sum);
          }
        }
        for (String id : userById.keySet()) {
          int count = seen.getOrDefault(id, 0);
          if (count != 1) {
            problems.add(
                id + " " + handover + " " + phase.getKey() + ": " + count + " lines with its ids");
          }
        }
      }
    }
    assertThat(problems)
        .withFailMessage(
            "%d problems (lines that lost their ids, by handover: %s); the first 20:%n%s",
            problems.size(),
            lost,
            String.join("\n", problems.subList(0, Math.min(20, problems.size()))))
        .isEmpty();
  }

  /** Negative control: without logctx, the work shares the request's map and loses its ids. */
  @Test
  void without_logctx_background_lines_should_lose_the_ids_the_request_removed() throws Exception {
    List<Handover> controls =
        List.of(Handover.WORKER_POOL_WITHOUT_LOGCTX, Handover.PLAIN_POOL_WITHOUT_LOGCTX);
    Map<String, String> userById = sendAll("without", controls);
    Map<Handover, Map<String, List<CapturedLog.Line>>> lines = linesByHandover(userById, controls);

    Map<String, List<CapturedLog.Line>> shared = lines.get(Handover.WORKER_POOL_WITHOUT_LOGCTX);
    assertThat(shared.get(STARTED))
        .as("worker pool, started while the request held its ids: read from the request's map")
        .hasSize(REQUESTS)
        .allSatisfy(
            line -> {
              assertThat(line.requestId()).isEqualTo(idInMessage(line));
              assertThat(line.userId()).isEqualTo(userById.get(idInMessage(line)));
            });
    assertThat(shared.get(AFTER_THE_RESPONSE))
        .as(
            "worker pool, after the response: the filter and the endpoint removed them from that"
                + " map")
        .hasSize(REQUESTS)
        .allSatisfy(
            line -> {
              assertThat(line.requestId()).isNull();
              assertThat(line.userId()).isNull();
            });

    Set<String> users = new HashSet<>(userById.values());
    for (List<CapturedLog.Line> phase : lines.get(Handover.PLAIN_POOL_WITHOUT_LOGCTX).values()) {
      assertThat(phase)
          .as("plain pool: no Vert.x context, nothing shared and nothing carried")
          .hasSize(REQUESTS)
          .allSatisfy(
              line -> {
                assertThat(userById).doesNotContainKey(line.requestId());
                assertThat(users).doesNotContain(line.userId());
              });
    }
  }

  /**
   * Sends {@value #REQUESTS} requests, {@value #IN_FLIGHT} at a time, each starting work by {@code
   * handovers}; tells the server once each response was received; waits until every line of that
   * work was logged.
   *
   * @return the user of each request id
   */
  private Map<String, String> sendAll(String scenario, List<Handover> handovers) throws Exception {
    List<Future<String>> sent = new ArrayList<>();
    Map<String, String> userById = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      String id = "cs-after-" + scenario + "-" + run + "-" + i;
      String user = "user-" + run + "-" + i;
      userById.put(id, user);
      sent.add(
          clients.submit(
              () -> {
                given()
                    .header("X-Request-ID", id)
                    .queryParam("user", user)
                    .queryParam("handover", handovers.toArray())
                    .post("/copy-semantics/after-response")
                    .then()
                    .statusCode(202)
                    .header("X-Request-ID", id);
                // The response is here: RequestIdFilter's response filter has run.
                given().post("/copy-semantics/responded/" + id).then().statusCode(204);
                return id;
              }));
    }
    for (Future<String> request : sent) {
      request.get();
    }
    int expected = REQUESTS * handovers.size() * 2;
    String prefix = "copy-semantics: cs-after-" + scenario + "-" + run + "-";
    log.awaitLines(line -> line.message().startsWith(prefix), expected, Duration.ofSeconds(60));
    List<CapturedLog.Line> all = log.withMessagePrefix(prefix);
    assertThat(all).as("failed tasks").noneMatch(line -> line.message().endsWith(" failed"));
    assertThat(all).as("lines of the background work").hasSize(expected);
    return userById;
  }

  /** The captured lines of this run's requests: by handover, then by phase. */
  private Map<Handover, Map<String, List<CapturedLog.Line>>> linesByHandover(
      Map<String, String> userById, List<Handover> handovers) {
    Map<Handover, Map<String, List<CapturedLog.Line>>> byHandover = new EnumMap<>(Handover.class);
    for (Handover handover : handovers) {
      Map<String, List<CapturedLog.Line>> phases = new TreeMap<>();
      phases.put(STARTED, new ArrayList<>());
      phases.put(AFTER_THE_RESPONSE, new ArrayList<>());
      byHandover.put(handover, phases);
    }
    for (CapturedLog.Line line : log.lines()) {
      Matcher matcher = MESSAGE.matcher(line.message());
      if (matcher.matches() && userById.containsKey(matcher.group(1))) {
        byHandover.get(Handover.valueOf(matcher.group(2))).get(matcher.group(3)).add(line);
      }
    }
    return byHandover;
  }

  private static String idInMessage(CapturedLog.Line line) {
    Matcher matcher = MESSAGE.matcher(line.message());
    assertThat(matcher.matches()).as("a background line: %s", line).isTrue();
    return matcher.group(1);
  }
}
