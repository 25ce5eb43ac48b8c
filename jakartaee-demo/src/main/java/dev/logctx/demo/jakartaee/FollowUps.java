package dev.logctx.demo.jakartaee;

import dev.logctx.ContextualTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the follow-up work of an order to every Jakarta Concurrency path and to logctx's helpers.
 * Each path logs one line; with logctx every one of them carries the request's {@code request_id}
 * and {@code user_id}.
 */
@ApplicationScoped
public class FollowUps {
  private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

  @Inject Concurrency concurrency;
  @Inject OrderNotifier notifier;
  @Inject Inventory inventory;

  /**
   * Starts all follow-ups of an order and returns at once. Call it in the request's context.
   *
   * @param orderId the order
   * @param order what was ordered, by whom
   * @param self the base URI of this application, for the inventory call
   */
  void start(String orderId, OrderRequest order, URI self) {
    Concurrency c = concurrency;
    track(
        FollowUp.TASK,
        () ->
            ContextualTasks.createTaskWithContext(
                () -> log.info(FollowUp.TASK.logLine()), "notify-order-" + orderId));
    track(
        FollowUp.HELPER_ON_PLAIN_POOL,
        () ->
            ContextualTasks.runInExecutorWithContext(
                c.plainPool(), () -> log.info(FollowUp.HELPER_ON_PLAIN_POOL.logLine())));
    track(
        FollowUp.MANAGED_EXECUTOR,
        () -> c.defaultExecutor().runAsync(() -> log.info(FollowUp.MANAGED_EXECUTOR.logLine())));
    track(
        FollowUp.MANAGED_STAGE,
        () ->
            c.defaultExecutor()
                .supplyAsync(() -> orderId)
                .thenAcceptAsync(id -> log.info(FollowUp.MANAGED_STAGE.logLine())));
    track(
        FollowUp.SCHEDULED,
        () ->
            scheduled(
                c.defaultScheduledExecutor(), () -> log.info(FollowUp.SCHEDULED.logLine())));
    track(
        FollowUp.CONTEXT_PROXY,
        () ->
            CompletableFuture.runAsync(
                c.logContextService().contextualRunnable(
                    () -> log.info(FollowUp.CONTEXT_PROXY.logLine())),
                c.plainPool()));
    track(
        FollowUp.DEFINED_EXECUTOR,
        () -> c.logContextExecutor().runAsync(() -> log.info(FollowUp.DEFINED_EXECUTOR.logLine())));
    track(FollowUp.ASYNC_BEAN, () -> notifier.notifyWarehouse(orderId));
    track(
        FollowUp.INVENTORY,
        () ->
            ContextualTasks.runInExecutorWithContext(
                c.defaultExecutor(),
                () ->
                    inventory.check(
                        self, order.item(), order.userId(), InventoryResource.Caller.FOLLOW_UP)));
    c.virtualExecutor()
        .ifPresent(
            virtual ->
                track(
                    FollowUp.VIRTUAL_EXECUTOR,
                    () ->
                        virtual.runAsync(() -> log.info(FollowUp.VIRTUAL_EXECUTOR.logLine()))));
  }

  /**
   * Runs {@code task} on {@code executor} after 5 ms, and returns a future completed when it has
   * run ({@code schedule} returns a plain {@code ScheduledFuture}; waiting for it would block).
   */
  static CompletableFuture<Void> scheduled(ScheduledExecutorService executor, Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.schedule(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        },
        5,
        TimeUnit.MILLISECONDS);
    return done;
  }

  private static void track(FollowUp followUp, Supplier<? extends CompletionStage<?>> start) {
    CompletionStage<?> stage;
    try {
      stage = start.get();
    } catch (RuntimeException e) {
      log.error("could not start {}", followUp.jsonName(), e);
      return;
    }
    stage.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            log.warn("{} failed", followUp.jsonName(), failure);
          }
        });
  }
}
