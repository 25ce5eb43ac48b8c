package dev.logctx.demo.micronaut;

import java.util.Locale;
import org.slf4j.Logger;

/** The follow-up work of an order, one per kind of async path. */
enum FollowUp {
  /** An {@code @Async} method of a {@code @PreserveContext} bean (on the application's own pool). */
  ASYNC_BEAN("follow-up: async bean"),
  /** A task submitted to the injected {@code TaskExecutors.BLOCKING} executor. */
  BLOCKING_EXECUTOR("follow-up: blocking executor"),
  /** A task submitted to the injected {@code TaskExecutors.IO} executor. */
  IO_EXECUTOR("follow-up: io executor"),
  /** The last stage of a {@code CompletableFuture} chain that hops between those two executors. */
  FUTURE_CHAIN("follow-up: future chain"),
  /**
   * A Reactor pipeline that subscribes on one of the application's executors and publishes on
   * another ({@code Schedulers.fromExecutorService}).
   */
  REACTIVE("follow-up: reactive"),
  /**
   * A Reactor pipeline on Reactor's own schedulers: {@code subscribeOn(Schedulers.boundedElastic())}
   * then {@code publishOn(Schedulers.parallel())}, the common case.
   */
  REACTOR_SCHEDULERS("follow-up: reactor schedulers"),
  /** A named background task: {@code ContextualTasks.createTaskWithContext(.., "notify-order-<id>")}. */
  TASK("follow-up: task"),
  /** Work on logctx's default executor: {@code ContextualTasks.runInExecutorWithContext(null, ..)}. */
  DEFAULT_EXECUTOR("follow-up: default executor"),
  /** An HTTP client call to {@code GET /inventory/{item}}, logged by that endpoint. */
  INVENTORY("follow-up: inventory");

  /** The key of the order id in each line's key-value pairs ({@code kvpList} in the JSON). */
  static final String ORDER_KEY = "order_id";

  private final String logLine;

  FollowUp(String logLine) {
    this.logLine = logLine;
  }

  /** The one line this follow-up logs. */
  String logLine() {
    return logLine;
  }

  /** Logs this follow-up's line for {@code orderId}; the MDC of the moment goes with it. */
  void log(Logger log, String orderId) {
    log.atInfo().addKeyValue(ORDER_KEY, orderId).log(logLine);
  }

  /** The name shown by {@code GET /orders/{id}}, for example {@code io-executor}. */
  String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
