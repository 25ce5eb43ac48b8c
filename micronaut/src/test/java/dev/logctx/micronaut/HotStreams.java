package dev.logctx.micronaut;

import dev.logctx.LogContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Shared ("hot") Reactor streams that several requests subscribe to while other requests emit,
 * and background work started by a request ({@code Flux.interval}). Each subscriber logs
 * "{@code received <event> by <subscriber>}" on {@code Schedulers.parallel()}; each emitter logs
 * "{@code emitting <event>}" and "{@code emitted <event>}" on its own thread; each tick of an
 * interval logs "{@code tick <n> by <name>}".
 */
@Singleton
public class HotStreams {
  /** How the shared stream is made from one multicast sink. */
  enum Kind {
    /** {@code sink.asFlux()} as it is. */
    MULTICAST,
    /** {@code sink.asFlux().share()}. */
    SHARE,
    /** {@code sink.asFlux().publish().autoConnect()}. */
    PUBLISH
  }

  /** One shared stream and the subscribers that have completed on it. */
  static final class Round {
    final Sinks.Many<String> sink = Sinks.many().multicast().onBackpressureBuffer();
    final Flux<String> flux;
    final CountDownLatch completed;

    Round(Kind kind, int subscribers) {
      Flux<String> events = sink.asFlux();
      this.flux =
          switch (kind) {
            case MULTICAST -> events;
            case SHARE -> events.share();
            case PUBLISH -> events.publish().autoConnect();
          };
      this.completed = new CountDownLatch(subscribers);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(HotStreams.class);
  private static final Duration EMIT_RETRY = Duration.ofSeconds(10);

  private final Map<String, Round> rounds = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> intervals = new ConcurrentHashMap<>();

  /** A new shared stream named {@code round}, for {@code subscribers} subscribers. */
  Round open(String round, Kind kind, int subscribers) {
    Round opened = new Round(kind, subscribers);
    if (rounds.putIfAbsent(round, opened) != null) {
      throw new IllegalStateException("round " + round + " exists");
    }
    return opened;
  }

  /**
   * Subscribes now, on this thread, to the shared stream of {@code round} through {@code
   * publishOn(Schedulers.parallel())}, for {@code events} events, and returns at once.
   */
  void subscribe(String round, String subscriber, int events) {
    Round shared = rounds.get(round);
    shared
        .flux
        .publishOn(Schedulers.parallel())
        .doOnNext(event -> log.info("received {} by {}", event, subscriber))
        .take(events)
        .subscribe(event -> {}, error -> log.error("failed", error), shared.completed::countDown);
  }

  /** Emits {@code event} on the shared stream of {@code round}, from this thread. */
  void emit(String round, String event) {
    log.info("emitting {}", event);
    rounds.get(round).sink.emitNext(event, Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
    log.info("emitted {}", event);
  }

  /**
   * Subscribes now to a {@code Flux.interval} of {@code ticks} ticks, each logging on Reactor's
   * {@code parallel()} scheduler, and returns at once; with {@code detached}, subscribes it inside
   * {@code LogContext.empty().run(...)}.
   */
  void interval(String name, int ticks, boolean detached) {
    CountDownLatch done = new CountDownLatch(1);
    intervals.put(name, done);
    Runnable start =
        () ->
            Flux.interval(Duration.ofMillis(1))
                .take(ticks)
                .doOnNext(tick -> log.info("tick {} by {}", tick, name))
                .subscribe(tick -> {}, error -> log.error("failed", error), done::countDown);
    if (detached) {
      LogContext.empty().run(start);
    } else {
      start.run();
    }
  }

  /** Counts down when the interval named {@code name} has completed. */
  CountDownLatch intervalDone(String name) {
    return intervals.get(name);
  }
}
