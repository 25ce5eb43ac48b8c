package dev.logctx.micronaut;

import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Many {@code /t/reactor} requests at once, and what their Reactor lines carried: for each request
 * and {@link ReactiveController#STEPS step}, whether the line showed exactly that request's {@code
 * request_id} and {@code user_id} and nothing else.
 */
final class ReactorRound {
  /** One request of the round. */
  record Request(String requestId, String user) {}

  private static final Logger log = LoggerFactory.getLogger(ReactorRound.class);

  private final List<Request> requests;
  private final CapturedLog logs;

  private ReactorRound(List<Request> requests, CapturedLog logs) {
    this.requests = requests;
    this.logs = logs;
  }

  /**
   * Sends 100 requests to {@code /t/reactor}, 16 at a time, each with its own request id and user,
   * and waits (bounded) for every answer.
   *
   * @param send sends one request: the path and its id header; answers the body
   */
  static ReactorRound run(CapturedLog logs, BiFunction<String, String, String> send)
      throws Exception {
    int count = 100;
    int inFlight = 16;
    String run = Long.toString(System.nanoTime(), 36);
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(new Request("req-" + run + "-" + i, "user-" + run + "-" + i));
    }
    ExecutorService clients = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (Request request : requests) {
        answers.add(
            clients.submit(
                () -> send.apply("/t/reactor?user=" + request.user(), request.requestId())));
      }
      for (Future<String> answer : answers) {
        if (!"ok".equals(answer.get(30, TimeUnit.SECONDS))) {
          throw new AssertionError("a request was not answered ok");
        }
      }
    } finally {
      clients.shutdownNow();
    }
    return new ReactorRound(requests, logs);
  }

  /** The MDC that the line of {@code step} of {@code request} must show. */
  static Map<String, String> expected(Request request) {
    return Map.of("request_id", request.requestId(), "user_id", request.user());
  }

  /** The lines of the round that did not show exactly their request's ids: "step user: mdc". */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    for (Request request : requests) {
      for (String step : ReactiveController.STEPS) {
        CapturedLog.Line line = logs.line(lineOf(step, request));
        if (!line.mdc().equals(expected(request))) {
          failures.add(line.message() + ": " + line.mdc() + " on " + line.thread());
        }
      }
    }
    return failures;
  }

  /** How many lines the round checks. */
  int lineCount() {
    return requests.size() * ReactiveController.STEPS.size();
  }

  /** The failure rate, printed for the report of a negative control. */
  double failureRate(String title) {
    int failed = failures().size();
    double rate = failed / (double) lineCount();
    System.out.printf(
        Locale.ROOT,
        "%s: %d of %d Reactor lines lost or changed their request's ids (%.1f%%)%n",
        title,
        failed,
        lineCount(),
        100 * rate);
    return rate;
  }

  private static String lineOf(String step, Request request) {
    return step + " " + request.user();
  }

  /**
   * From the calling thread, schedules tasks on {@code Schedulers.parallel()} and on {@code
   * Schedulers.boundedElastic()} — at least 16 each, and at least one per thread of {@code
   * parallel()} — each logging "probe" (bounded wait): the MDC those lines carry is what those
   * scheduler threads hold for the next work.
   *
   * @return the "probe" lines
   */
  static List<CapturedLog.Line> probeSchedulerThreads(CapturedLog logs) {
    int perScheduler = Math.max(16, Schedulers.DEFAULT_POOL_SIZE);
    for (Scheduler scheduler : List.of(Schedulers.parallel(), Schedulers.boundedElastic())) {
      for (int i = 0; i < perScheduler; i++) {
        Mono.fromRunnable(() -> log.info("probe"))
            .subscribeOn(scheduler)
            .block(Duration.ofSeconds(10));
      }
    }
    List<CapturedLog.Line> probes =
        logs.lines().stream().filter(line -> line.message().equals("probe")).toList();
    if (probes.size() != 2 * perScheduler) {
      throw new AssertionError("expected " + 2 * perScheduler + " probe lines, got " + probes);
    }
    return probes;
  }
}
