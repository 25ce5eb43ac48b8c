package dev.logctx.micronaut;

import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One shared stream of {@link HotStreams}, 50 requests subscribed to it at once (each with its own
 * request id), one subscription made by the test thread outside any request, then 50 other
 * requests emitting on it at once, each with its own request id; and what the subscribers' lines
 * carried. Ordered by waiting for answers and for the subscribers to complete, never by sleeping.
 */
final class HotRound {
  static final int SUBSCRIBERS = 50;
  static final int EMITTERS = 50;
  static final String OUTSIDE = "outside";

  private final Map<String, Map<String, String>> expectedBySubscriber;
  private final Set<String> emitterIds;
  private final List<CapturedLog.Line> received;
  private final List<CapturedLog.Line> emitted;
  private final Map<String, String> emitterIdByEvent;

  private HotRound(
      Map<String, Map<String, String>> expectedBySubscriber,
      Map<String, String> emitterIdByEvent,
      List<CapturedLog.Line> received,
      List<CapturedLog.Line> emitted) {
    this.expectedBySubscriber = expectedBySubscriber;
    this.emitterIdByEvent = emitterIdByEvent;
    this.emitterIds = Set.copyOf(emitterIdByEvent.values());
    this.received = received;
    this.emitted = emitted;
  }

  /**
   * Runs a round on a new shared stream of {@code kind}.
   *
   * @param send sends one GET request: the path and its request id header; answers the body
   */
  static HotRound run(
      CapturedLog logs,
      HotStreams streams,
      HotStreams.Kind kind,
      BiFunction<String, String, String> send)
      throws Exception {
    String round = kind.name().toLowerCase(Locale.ROOT) + "-" + Long.toString(System.nanoTime(), 36);
    HotStreams.Round shared = streams.open(round, kind, SUBSCRIBERS + 1);
    Map<String, Map<String, String>> expected = new HashMap<>();
    Map<String, String> emitterIdByEvent = new HashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(Math.max(SUBSCRIBERS, EMITTERS));
    try {
      List<Future<String>> subscribed = new ArrayList<>();
      for (int i = 0; i < SUBSCRIBERS; i++) {
        String subscriber = "sub-" + round + "-" + i;
        String id = "hot-sub-" + round + "-" + i;
        expected.put(subscriber, Map.of("request_id", id));
        String path =
            "/t/hot/subscribe?round=" + round + "&subscriber=" + subscriber + "&events=" + EMITTERS;
        subscribed.add(clients.submit(() -> send.apply(path, id)));
      }
      awaitOk(subscribed);

      String outside = OUTSIDE + "-" + round;
      expected.put(outside, Map.of());
      streams.subscribe(round, outside, EMITTERS); // the test thread: an empty MDC

      List<Future<String>> emittedAnswers = new ArrayList<>();
      for (int j = 0; j < EMITTERS; j++) {
        String event = "ev-" + round + "-" + j;
        String id = "hot-emit-" + round + "-" + j;
        emitterIdByEvent.put(event, id);
        String path = "/t/hot/emit?round=" + round + "&event=" + event;
        emittedAnswers.add(clients.submit(() -> send.apply(path, id)));
      }
      awaitOk(emittedAnswers);
    } finally {
      clients.shutdownNow();
    }
    if (!shared.completed.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("not every subscriber of " + round + " received every event");
    }
    List<CapturedLog.Line> received = new ArrayList<>();
    List<CapturedLog.Line> emitted = new ArrayList<>();
    for (CapturedLog.Line line : logs.lines()) {
      String message = line.message();
      if (message.startsWith("received ev-" + round + "-")) {
        received.add(line);
      } else if (message.startsWith("emitted ev-" + round + "-")) {
        emitted.add(line);
      }
    }
    return new HotRound(expected, emitterIdByEvent, received, emitted);
  }

  private static void awaitOk(List<Future<String>> answers) throws Exception {
    for (Future<String> answer : answers) {
      if (!"ok".equals(answer.get(30, TimeUnit.SECONDS))) {
        throw new AssertionError("a request was not answered ok");
      }
    }
  }

  private static String subscriberOf(CapturedLog.Line line) {
    String message = line.message();
    return message.substring(message.indexOf(" by ") + 4);
  }

  /** How many "received" lines the round must show: every subscriber, every event. */
  int expectedLineCount() {
    return (SUBSCRIBERS + 1) * EMITTERS;
  }

  /** The subscribers' "received" lines. */
  List<CapturedLog.Line> received() {
    return received;
  }

  /** The subscribers' lines that carried the request id of an emitting request. */
  List<CapturedLog.Line> withAnEmittersId() {
    return received.stream()
        .filter(line -> line.requestId() != null && emitterIds.contains(line.requestId()))
        .toList();
  }

  /**
   * The subscribers' lines whose MDC was not exactly their subscription's: its request id for a
   * subscription made in a request, nothing for the one made outside any request.
   */
  List<CapturedLog.Line> notTheirSubscriptions() {
    return received.stream()
        .filter(line -> !line.mdc().equals(expectedBySubscriber.get(subscriberOf(line))))
        .toList();
  }

  /** The subscribers' lines that carried their own subscription's request id. */
  List<CapturedLog.Line> withTheirOwnId() {
    return received.stream()
        .filter(
            line -> {
              String own = expectedBySubscriber.get(subscriberOf(line)).get("request_id");
              return own != null && own.equals(line.requestId());
            })
        .toList();
  }

  /** The emitters' "emitted" lines whose MDC was not exactly their own request id. */
  List<CapturedLog.Line> emittersThatLostTheirOwnId() {
    return emitted.stream()
        .filter(
            line -> {
              String event = line.message().substring("emitted ".length());
              return !line.mdc().equals(Map.of("request_id", emitterIdByEvent.get(event)));
            })
        .toList();
  }

  /** Prints the counts, for the report. */
  void print(String title) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d of %d subscriber lines carried an emitting request's id, %d were not exactly"
            + " their subscription's MDC; %d of %d emitters lost their own id%n",
        title,
        withAnEmittersId().size(),
        received.size(),
        notTheirSubscriptions().size(),
        emittersThatLostTheirOwnId().size(),
        emitted.size());
  }
}
