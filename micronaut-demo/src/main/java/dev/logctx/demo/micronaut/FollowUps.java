package dev.logctx.demo.micronaut;

import dev.logctx.ContextualTasks;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Hands the follow-up work of an order to every kind of async path of a Micronaut application.
 * Each path logs one line; with logctx-micronaut every one of them carries the request's {@code
 * request_id} and {@code user_id} as they were when the work was handed over.
 */
@Singleton
class FollowUps {
  private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

  private final ExecutorService blocking;
  private final ExecutorService io;
  private final Scheduler ioScheduler;
  private final Scheduler blockingScheduler;
  private final OrderNotifier notifier;
  private final InventoryClient inventory;

  FollowUps(
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      @Named(TaskExecutors.IO) ExecutorService io,
      OrderNotifier notifier,
      InventoryClient inventory) {
    this.blocking = blocking;
    this.io = io;
    // Reactor schedulers over the application's executors (never disposed here: Micronaut owns them).
    this.ioScheduler = Schedulers.fromExecutorService(io, "io");
    this.blockingScheduler = Schedulers.fromExecutorService(blocking, "blocking");
    this.notifier = notifier;
    this.inventory = inventory;
  }

  /** Starts all follow-ups of {@code order} and returns at once. Call it in the request's context. */
  void start(Order order) {
    String id = order.orderId();
    track(order, FollowUp.ASYNC_BEAN, () -> notifier.notifyWarehouse(id));
    track(order, FollowUp.BLOCKING_EXECUTOR, () -> submit(blocking, FollowUp.BLOCKING_EXECUTOR, id));
    track(order, FollowUp.IO_EXECUTOR, () -> submit(io, FollowUp.IO_EXECUTOR, id));
    track(
        order,
        FollowUp.FUTURE_CHAIN,
        () ->
            CompletableFuture.supplyAsync(() -> order.request().item(), io)
                .thenApplyAsync(String::length, blocking)
                .thenAcceptAsync(length -> FollowUp.FUTURE_CHAIN.log(log, id), io));
    track(
        order,
        FollowUp.REACTIVE,
        () ->
            Mono.fromCallable(() -> order.request().item())
                .subscribeOn(ioScheduler)
                .publishOn(blockingScheduler)
                .doOnNext(item -> FollowUp.REACTIVE.log(log, id))
                .then()
                .toFuture());
    track(
        order,
        FollowUp.REACTOR_SCHEDULERS,
        () ->
            Mono.fromCallable(() -> order.request().item())
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(Schedulers.parallel())
                .doOnNext(item -> FollowUp.REACTOR_SCHEDULERS.log(log, id))
                .then()
                .toFuture());
    track(
        order,
        FollowUp.TASK,
        () ->
            ContextualTasks.createTaskWithContext(
                () -> FollowUp.TASK.log(log, id), "notify-order-" + id));
    track(
        order,
        FollowUp.DEFAULT_EXECUTOR,
        () ->
            ContextualTasks.runInExecutorWithContext(
                null, () -> FollowUp.DEFAULT_EXECUTOR.log(log, id)));
    track(
        order,
        FollowUp.INVENTORY,
        () -> inventory.check(order.request().item(), id, order.request().userId()));
  }

  /** A plain {@code execute} on an injected executor: no helper, no wrapper in the application. */
  private static CompletableFuture<Void> submit(
      ExecutorService executor, FollowUp followUp, String orderId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            followUp.log(log, orderId);
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  private static void track(
      Order order, FollowUp followUp, Supplier<? extends CompletionStage<?>> start) {
    order.set(followUp, Order.Status.PENDING);
    CompletionStage<?> stage;
    try {
      stage = start.get();
    } catch (RuntimeException e) {
      order.set(followUp, Order.Status.FAILED);
      log.error("could not start {}", followUp.jsonName(), e);
      return;
    }
    stage.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            log.warn("{} failed", followUp.jsonName(), failure);
          }
          order.set(followUp, failure == null ? Order.Status.DONE : Order.Status.FAILED);
        });
  }
}
