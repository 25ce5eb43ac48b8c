package dev.logctx.micronaut;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor pipelines that switch threads on Reactor's own schedulers, started by a controller that
 * has put {@code user_id} into the MDC after the request filters ran. Each step logs "{@code <step>
 * <user>}"; the last step of each pipeline leaves a key {@code left_by} in its worker's MDC, as
 * careless code does, so that a scheduler thread that keeps it shows up in later lines.
 */
@Controller("/t/reactor")
public class ReactiveController {
  /** The steps each {@code /t/reactor} request logs, in the order of the pipeline. */
  static final List<String> STEPS =
      List.of("elastic subscribe", "parallel", "elastic publish", "flux 1", "flux 2", "flux 3");

  private static final Logger log = LoggerFactory.getLogger(ReactiveController.class);
  private static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * {@code subscribeOn(boundedElastic)}, {@code publishOn(parallel)}, {@code
   * publishOn(boundedElastic)} on a {@code Mono}, then a {@code Flux} on {@code publishOn(parallel)}.
   */
  @SuppressWarnings("try") // the scope is only closed
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get
  public String pipeline(@QueryValue String user) {
    try (Scope scope = LogContext.bind("user_id", user)) {
      Mono.fromCallable(
              () -> {
                log.info("elastic subscribe {}", user);
                return user;
              })
          .subscribeOn(Schedulers.boundedElastic())
          .publishOn(Schedulers.parallel())
          .doOnNext(u -> log.info("parallel {}", u))
          .publishOn(Schedulers.boundedElastic())
          .doOnNext(
              u -> {
                log.info("elastic publish {}", u);
                MDC.put("left_by", u);
              })
          .block(WAIT);
      Flux.range(1, 3)
          .publishOn(Schedulers.parallel())
          .doOnNext(i -> log.info("flux {} {}", i, user))
          .doOnComplete(() -> MDC.put("left_by", user))
          .blockLast(WAIT);
    }
    return "ok";
  }

  /**
   * Two pipelines scheduled one after the other with a different {@code user_id} in the MDC; each
   * may run after the MDC has changed again.
   */
  @SuppressWarnings("try") // the scopes are only closed
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/moment")
  public String moment() throws Exception {
    CompletableFuture<Void> first;
    CompletableFuture<Void> second;
    try (Scope one = LogContext.bind("user_id", "first")) {
      first = logOn(Schedulers.parallel(), "moment first");
      try (Scope two = LogContext.bind("user_id", "second")) {
        second = logOn(Schedulers.boundedElastic(), "moment second");
      }
    }
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    return "ok";
  }

  /** Subscribes now to a {@code Mono} that logs {@code message} on {@code scheduler}. */
  private static CompletableFuture<Void> logOn(Scheduler scheduler, String message) {
    return Mono.fromRunnable(() -> log.info(message)).subscribeOn(scheduler).then().toFuture();
  }
}
