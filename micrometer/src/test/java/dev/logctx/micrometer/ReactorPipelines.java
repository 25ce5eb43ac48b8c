package dev.logctx.micrometer;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Many concurrent Reactor pipelines, each subscribed in the MDC of its own request, over the
 * operators that move work between threads: {@code publishOn} and {@code subscribeOn} on {@code
 * parallel()} and {@code boundedElastic()}, {@code flatMap} with inner sources subscribed on
 * another scheduler, {@code Mono.fromFuture} completed on a foreign thread, a {@code Sinks.one()}
 * emitted from a foreign thread, {@code delayElements}. Each operator logs one line naming the
 * pipeline's id; a line is right when its MDC carries that very id.
 *
 * <p>Every thread Reactor's schedulers use is recorded (an executor-service decorator registered
 * before the schedulers are created), so that afterwards a probe task can be run on each of them,
 * directly on its executor (no hook, no context), to read what the thread keeps.
 */
final class ReactorPipelines implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReactorPipelines.class);
  private static final String DECORATOR = "logctx-test-probe";

  /** The steps each element of a pipeline logs. */
  static final List<String> STEPS =
      List.of(
          "publishOn-parallel",
          "publishOn-boundedElastic",
          "flatMap-inner-subscribeOn",
          "fromFuture",
          "sink",
          "delayElements",
          "subscribeOn-source");

  private static final int ELEMENTS = 3;

  /** The id the foreign threads (future completion, sink emission) carry in their own MDC. */
  static final String FOREIGN = "foreign-emitter";

  private final List<ScheduledExecutorService> schedulerThreads = new CopyOnWriteArrayList<>();
  private final ExecutorService foreign =
      Executors.newFixedThreadPool(2, r -> new Thread(r, "foreign-emitter"));

  /** What a run found. */
  record Result(int lines, int expected, int missing, int wrong, Map<String, Map<String, String>> stale) {
    @Override
    public String toString() {
      return lines + " lines (" + expected + " expected), " + missing + " without an id, " + wrong
          + " with another pipeline's or the emitter's id; values left on scheduler threads: "
          + stale;
    }
  }

  /** Switches Reactor's automatic mode on and records the threads of schedulers made from now. */
  ReactorPipelines() throws Exception {
    Schedulers.shutdownNow(); // the cached schedulers are made again, through the decorator
    Schedulers.addExecutorServiceDecorator(
        DECORATOR,
        (scheduler, executor) -> {
          schedulerThreads.add(executor);
          return executor;
        });
    Hooks.enableAutomaticContextPropagation();
    // the foreign threads keep an id of their own, which must never show in a pipeline
    CyclicBarrier both = new CyclicBarrier(2);
    Callable<Void> put = () -> {
      both.await(10, TimeUnit.SECONDS);
      MDC.put("request_id", FOREIGN);
      return null;
    };
    Future<Void> first = foreign.submit(put);
    Future<Void> second = foreign.submit(put);
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code count} pipelines at once, each subscribed in the MDC of its own id. */
  Result run(CapturedLog logs, int count, String prefix) throws Exception {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      try (Scope scope = LogContext.bind(Map.of("request_id", id, "user_id", "user-" + id))) {
        done.add(pipeline(id).contextCapture().then().toFuture());
      }
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    int expected = count * ELEMENTS * STEPS.size();
    List<CapturedLog.Line> lines = logs.lines(line -> line.message().startsWith(prefix));
    int missing = 0;
    int wrong = 0;
    for (CapturedLog.Line line : lines) {
      String id = line.message().substring(0, line.message().indexOf(' '));
      String carried = line.requestId();
      if (carried == null) {
        missing++;
      } else if (!carried.equals(id)) {
        wrong++;
      }
    }
    return new Result(lines.size(), expected, missing, wrong, leftOnSchedulerThreads());
  }

  private Flux<Integer> pipeline(String id) {
    return Flux.range(0, ELEMENTS)
        .doOnNext(v -> step("subscribeOn-source", id))
        .publishOn(Schedulers.parallel())
        .doOnNext(v -> step("publishOn-parallel", id))
        .publishOn(Schedulers.boundedElastic())
        .doOnNext(v -> step("publishOn-boundedElastic", id))
        .flatMap(
            v ->
                Mono.fromCallable(() -> v)
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(x -> step("flatMap-inner-subscribeOn", id)))
        .concatMap(
            v ->
                Mono.fromFuture(CompletableFuture.supplyAsync(() -> v, foreign))
                    .doOnNext(x -> step("fromFuture", id)))
        .concatMap(
            v -> {
              Sinks.One<Integer> sink = Sinks.one();
              foreign.execute(() -> sink.tryEmitValue(v));
              return sink.asMono().doOnNext(x -> step("sink", id));
            })
        .delayElements(Duration.ofMillis(1))
        .doOnNext(v -> step("delayElements", id))
        .subscribeOn(Schedulers.parallel());
  }

  private static void step(String step, String id) {
    log.info("{} {}", id, step);
  }

  /** The MDC each live scheduler thread holds now, read by a task run directly on its executor. */
  Map<String, Map<String, String>> leftOnSchedulerThreads() throws Exception {
    Map<String, Map<String, String>> left = new TreeMap<>();
    for (ScheduledExecutorService executor : schedulerThreads) {
      if (executor.isShutdown()) {
        continue;
      }
      String[] probe =
          executor
              .submit(() -> new String[] {Thread.currentThread().getName(), String.valueOf(MDC.getCopyOfContextMap())})
              .get(10, TimeUnit.SECONDS);
      if (!Objects.equals(probe[1], "null") && !probe[1].equals("{}")) {
        left.put(probe[0], Map.of("mdc", probe[1]));
      }
    }
    return left;
  }

  /** The scheduler threads recorded so far. */
  int schedulerThreadCount() {
    return (int) schedulerThreads.stream().filter(e -> !e.isShutdown()).count();
  }

  /** Runs {@code task} on some scheduler thread, directly on its executor. */
  void runOnASchedulerThread(Runnable task) throws Exception {
    for (ScheduledExecutorService executor : schedulerThreads) {
      if (!executor.isShutdown()) {
        executor.submit(task).get(10, TimeUnit.SECONDS);
        return;
      }
    }
    throw new IllegalStateException("no scheduler thread recorded");
  }

  /** The MDC of each of the two foreign threads, which must still be their own. */
  List<String> foreignThreadsMdc() throws Exception {
    CyclicBarrier both = new CyclicBarrier(2); // one probe on each thread
    Callable<String> probe = () -> {
      both.await(10, TimeUnit.SECONDS);
      return String.valueOf(MDC.getCopyOfContextMap());
    };
    Future<String> first = foreign.submit(probe);
    Future<String> second = foreign.submit(probe);
    return List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
  }

  @Override
  public void close() throws Exception {
    Hooks.disableAutomaticContextPropagation();
    Schedulers.removeExecutorServiceDecorator(DECORATOR);
    Schedulers.shutdownNow();
    foreign.shutdownNow();
    foreign.awaitTermination(10, TimeUnit.SECONDS);
  }
}
