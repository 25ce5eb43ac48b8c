package dev.logctx.demo.jakartaee;

import dev.logctx.ContextualTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The negative controls: each {@link Control} hands its work over the way a follow-up does, with
 * "LogContext" cleared or logctx left out, and logs one line without the request's id.
 */
@ApplicationScoped
public class Controls {
  private static final Logger log = LoggerFactory.getLogger(Controls.class);

  @Inject Concurrency concurrency;
  @Inject OrderNotifier notifier;
  @Inject Inventory inventory;

  /**
   * Starts every control and returns a future completed when all have logged their line.
   *
   * @param userId the user, for the inventory call
   * @param self the base URI of this application, for the inventory call
   * @return the controls started, and a future of their completion
   */
  Started start(String userId, URI self) {
    Concurrency c = concurrency;
    List<Control> started = new ArrayList<>();
    List<CompletableFuture<?>> futures = new ArrayList<>();
    futures.add(
        CompletableFuture.runAsync(
            () -> log.info(Control.PLAIN_POOL.logLine()), c.plainPool()));
    futures.add(c.clearingExecutor().runAsync(() -> log.info(Control.CLEARING_EXECUTOR.logLine())));
    futures.add(
        FollowUps.scheduled(
            c.clearingScheduledExecutor(), () -> log.info(Control.CLEARING_SCHEDULED.logLine())));
    futures.add(
        CompletableFuture.runAsync(
            c.clearingContextService().contextualRunnable(
                () -> log.info(Control.CLEARING_CONTEXT_PROXY.logLine())),
            c.plainPool()));
    futures.add(
        CompletableFuture.runAsync(
            c.defaultContextService().contextualRunnable(
                () -> log.info(Control.DEFAULT_CONTEXT_PROXY.logLine())),
            c.plainPool()));
    futures.add(notifier.notifyWarehouseWithoutPreserve());
    futures.add(
        ContextualTasks.runInExecutorWithContext(
            c.defaultExecutor(),
            () -> inventory.check(self, "control", userId, InventoryResource.Caller.CONTROL)));
    started.addAll(
        List.of(
            Control.PLAIN_POOL,
            Control.CLEARING_EXECUTOR,
            Control.CLEARING_SCHEDULED,
            Control.CLEARING_CONTEXT_PROXY,
            Control.DEFAULT_CONTEXT_PROXY,
            Control.ASYNC_WITHOUT_PRESERVE,
            Control.CLIENT_WITHOUT_FILTER));
    c.clearingVirtualExecutor()
        .ifPresent(
            virtual -> {
              futures.add(
                  virtual.runAsync(() -> log.info(Control.CLEARING_VIRTUAL_EXECUTOR.logLine())));
              started.add(Control.CLEARING_VIRTUAL_EXECUTOR);
            });
    return new Started(
        List.copyOf(started), CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])));
  }

  /**
   * What {@link #start} started.
   *
   * @param controls the controls, in start order
   * @param done completed when every control has logged its line
   */
  record Started(List<Control> controls, CompletableFuture<Void> done) {}
}
