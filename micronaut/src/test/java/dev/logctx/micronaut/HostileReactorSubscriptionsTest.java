package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Pipelines shared between requests or fed by other requests' threads: each subscriber's
 * operators log its own request's id, never the id of the request whose thread emitted.
 */
class HostileReactorSubscriptionsTest {
  private static final Logger log = LoggerFactory.getLogger(HostileReactorSubscriptionsTest.class);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private CapturedLog logs;
  private ReactorScheduleHook hook;
  private ExecutorService otherRequest;
  private Scheduler single;

  @BeforeEach
  void start() {
    MDC.clear();
    logs = CapturedLog.ofLoggers(HostileReactorSubscriptionsTest.class.getName()).atDebug().install();
    hook = new ReactorScheduleHook();
    otherRequest = Executors.newSingleThreadExecutor();
    single = Schedulers.newSingle("hostile");
  }

  @AfterEach
  void stop() {
    hook.remove();
    single.dispose();
    otherRequest.shutdownNow();
    logs.close();
    MDC.clear();
  }

  /** Runs {@code work} on the other request's thread with {@code request_id=id}, and waits. */
  @SuppressWarnings("try") // the scope is only closed
  private void onOtherRequest(String id, Runnable work) throws Exception {
    otherRequest
        .submit(
            () -> {
              try (Scope scope = LogContext.bind("request_id", id)) {
                work.run();
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  @SuppressWarnings("try") // the scope is only closed
  private static void subscribeAs(String id, Mono<?> mono) {
    try (Scope scope = LogContext.bind("request_id", id)) {
      mono.subscribe();
    }
  }

  private String idOf(String message) throws InterruptedException {
    return logs.awaitLines(line -> line.message().equals(message), 1, WAIT).get(0).requestId();
  }

  @Test
  void subscribers_of_a_cached_mono_each_see_their_own_id() throws Exception {
    AtomicReference<MonoSink<String>> sink = new AtomicReference<>();
    Mono<String> cached = Mono.<String>create(sink::set).cache();

    subscribeAs("first", cached.doOnNext(v -> log.info("first sees")));
    subscribeAs("second", cached.doOnNext(v -> log.info("second sees")));
    onOtherRequest("emitter", () -> sink.get().success("value"));
    subscribeAs("late", cached.doOnNext(v -> log.info("late sees")));
    onOtherRequest(
        "late-elsewhere", () -> cached.map(v -> v).subscribe(v -> log.info("late elsewhere sees")));

    assertThat(idOf("first sees")).isEqualTo("first");
    assertThat(idOf("second sees")).isEqualTo("second");
    assertThat(idOf("late sees")).isEqualTo("late");
    assertThat(idOf("late elsewhere sees")).isEqualTo("late-elsewhere");
  }

  @Test
  void a_future_completed_by_another_request_reaches_the_subscriber_in_its_own_id()
      throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    subscribeAs("subscriber", Mono.fromFuture(future).doOnNext(v -> log.info("future value")));
    onOtherRequest("completer", () -> future.complete("value"));

    assertThat(idOf("future value")).isEqualTo("subscriber");
  }

  @Test
  void a_zip_of_sources_emitting_on_other_requests_threads_runs_in_the_subscribers_id()
      throws Exception {
    AtomicReference<MonoSink<String>> left = new AtomicReference<>();
    AtomicReference<MonoSink<String>> right = new AtomicReference<>();
    subscribeAs(
        "subscriber",
        Mono.zip(
                Mono.<String>create(left::set).doOnNext(v -> log.info("left")),
                Mono.<String>create(right::set).doOnNext(v -> log.info("right")))
            .doOnNext(pair -> log.info("zipped")));
    onOtherRequest("emitter-left", () -> left.get().success("l"));
    ExecutorService third = Executors.newSingleThreadExecutor();
    try {
      third
          .submit(
              () -> {
                try (Scope scope = LogContext.bind("request_id", "emitter-right")) {
                  right.get().success("r");
                }
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      third.shutdownNow();
    }

    assertThat(idOf("left")).isEqualTo("subscriber");
    assertThat(idOf("right")).isEqualTo("subscriber");
    assertThat(idOf("zipped")).isEqualTo("subscriber");
  }

  @Test
  void flat_map_switch_map_and_group_by_inners_fed_by_other_requests_keep_the_subscribers_id()
      throws Exception {
    AtomicReference<FluxSink<Integer>> outer = new AtomicReference<>();
    Flux<Integer> source = Flux.create(outer::set);
    subscribeAs(
        "subscriber",
        source
            .flatMap(i -> Mono.fromCallable(() -> i).subscribeOn(single).map(v -> v))
            .doOnNext(i -> log.info("flat " + i))
            .switchMap(i -> Mono.just(i).publishOn(single).doOnNext(v -> log.info("switch " + v)))
            .groupBy(i -> i % 2)
            .flatMap(group -> group.doOnNext(i -> log.info("group " + i)))
            .then());
    onOtherRequest(
        "emitter",
        () -> {
          outer.get().next(1);
          outer.get().next(2);
        });

    List<CapturedLog.Line> lines =
        logs.awaitLines(line -> line.message().startsWith("flat "), 2, WAIT);
    lines.forEach(line -> assertThat(line.requestId()).as(line.toString()).isEqualTo("subscriber"));
    // switchMap may drop the first inner; the last one always runs
    assertThat(idOf("switch 2")).isEqualTo("subscriber");
    logs.awaitLines(line -> line.message().startsWith("group "), 1, WAIT)
        .forEach(
            line -> assertThat(line.requestId()).as(line.toString()).isEqualTo("subscriber"));
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void resubscriptions_of_retry_when_and_repeat_keep_the_subscribers_id() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Mono<Integer> flaky =
        Mono.fromCallable(
            () -> {
              int attempt = attempts.incrementAndGet();
              log.info("attempt " + attempt);
              if (attempt < 3) {
                throw new IllegalStateException("attempt " + attempt);
              }
              return attempt;
            });
    subscribeAs(
        "subscriber",
        flaky
            .retryWhen(Retry.fixedDelay(5, Duration.ofMillis(1)))
            .repeat(1)
            .doOnNext(i -> log.info("result " + i))
            .then());

    for (CapturedLog.Line line :
        logs.awaitLines(line -> line.message().startsWith("attempt "), 4, WAIT)) {
      assertThat(line.requestId()).as(line.toString()).isEqualTo("subscriber");
    }
    for (CapturedLog.Line line :
        logs.awaitLines(line -> line.message().startsWith("result "), 2, WAIT)) {
      assertThat(line.requestId()).as(line.toString()).isEqualTo("subscriber");
    }
  }

  @Test
  void a_publish_on_drain_started_by_another_requests_emitter_runs_in_the_subscribers_id()
      throws Exception {
    AtomicReference<FluxSink<String>> emitter = new AtomicReference<>();
    subscribeAs(
        "subscriber",
        Flux.<String>create(emitter::set)
            .publishOn(single)
            .doOnNext(v -> log.info("drained " + v))
            .then());
    onOtherRequest("emitter", () -> emitter.get().next("a"));

    assertThat(idOf("drained a")).isEqualTo("subscriber");
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void the_upstream_of_a_shared_flux_runs_in_its_first_subscribers_id_also_after_it_left()
      throws Exception {
    AtomicReference<FluxSink<String>> emitter = new AtomicReference<>();
    Flux<String> shared =
        Flux.<String>create(emitter::set).doOnNext(v -> log.info("upstream " + v)).share();
    reactor.core.Disposable first;
    try (Scope scope = LogContext.bind("request_id", "first")) {
      first = shared.subscribe();
    }
    subscribeAs("second", shared.doOnNext(v -> log.info("second sees " + v)).then());
    first.dispose(); // the first request is over; only the second is subscribed
    onOtherRequest("emitter", () -> emitter.get().next("x"));

    assertThat(idOf("second sees x")).isEqualTo("second");
    // the shared upstream was subscribed by the first request and keeps its context
    assertThat(idOf("upstream x")).isEqualTo("first");
  }

  @Test
  void a_cached_mono_without_the_hook_shows_the_emitters_id() throws Exception {
    hook.remove(); // negative control: Reactor alone
    AtomicReference<MonoSink<String>> sink = new AtomicReference<>();
    Mono<String> cached = Mono.<String>create(sink::set).cache();
    subscribeAs("second", cached.doOnNext(v -> log.info("without hook")));
    onOtherRequest("emitter", () -> sink.get().success("value"));

    if (Boolean.getBoolean("logctx.expected.logctx.micrometer")) {
      // Reactor's automatic mode with logctx-micrometer's accessor alone: the subscriber's
      // Reactor Context holds no logctx snapshot (nothing captured it), so no id, never the
      // emitter's
      assertThat(idOf("without hook")).isNull();
    } else {
      assertThat(idOf("without hook")).isEqualTo("emitter");
    }
  }
}
