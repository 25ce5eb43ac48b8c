package dev.logctx.demo;

import dev.logctx.ContextualTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the follow-up work of an order to every kind of async path. Each path logs one line; with
 * logctx every one of them carries the request's {@code request_id} and {@code user_id}.
 */
@ApplicationScoped
class FollowUps {
  private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

  @Inject ManagedExecutor managedExecutor;
  @Inject ThreadContext threadContext;
  @Inject OrderNotifier notifier;
  @Inject WarehouseReservation reservation;
  @Inject @RestClient InventoryClient inventory;
  @Inject PlainPool plainPool;

  /** Starts all follow-ups of {@code order} and returns at once. Call it in the request's context. */
  void start(Order order) {
    String id = order.orderId();
    track(
        order,
        FollowUp.TASK,
        () ->
            ContextualTasks.createTaskWithContext(
                () -> log.info(FollowUp.TASK.logLine()), "notify-order-" + id));
    track(
        order,
        FollowUp.EXECUTOR,
        () ->
            ContextualTasks.runInExecutorWithContext(
                managedExecutor, () -> log.info(FollowUp.EXECUTOR.logLine())));
    track(
        order,
        FollowUp.DEFAULT_EXECUTOR,
        () ->
            ContextualTasks.runInExecutorWithContext(
                null, () -> log.info(FollowUp.DEFAULT_EXECUTOR.logLine())));
    track(
        order,
        FollowUp.THREAD_CONTEXT,
        () ->
            CompletableFuture.runAsync(
                threadContext.contextualRunnable(() -> log.info(FollowUp.THREAD_CONTEXT.logLine())),
                plainPool.executor()));
    track(order, FollowUp.ASYNC_BEAN, () -> notifier.notifyWarehouse(id));
    track(order, FollowUp.FALLBACK, () -> reservation.reserve(id));
    track(
        order,
        FollowUp.INVENTORY,
        () -> inventory.check(order.request().item(), order.request().userId()));
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
