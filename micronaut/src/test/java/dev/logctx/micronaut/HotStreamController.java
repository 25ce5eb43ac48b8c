package dev.logctx.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Inject;

/** Requests that subscribe to, and emit on, the shared streams of {@link HotStreams}. */
@Controller("/t/hot")
public class HotStreamController {
  @Inject HotStreams streams;

  /** Subscribes this request to the shared stream of {@code round} and answers at once. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/subscribe")
  public String subscribe(
      @QueryValue String round, @QueryValue String subscriber, @QueryValue int events) {
    streams.subscribe(round, subscriber, events);
    return "ok";
  }

  /** Emits {@code event} on the shared stream of {@code round} from this request. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/emit")
  public String emit(@QueryValue String round, @QueryValue String event) {
    streams.emit(round, event);
    return "ok";
  }

  /** Starts a {@code Flux.interval} from this request and answers at once. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/interval")
  public String interval(
      @QueryValue String name, @QueryValue int ticks, @QueryValue boolean detached) {
    streams.interval(name, ticks, detached);
    return "ok";
  }
}
