package dev.logctx.demo.jakartaee;

import java.util.Locale;

/** The follow-up work of an order, one per way of handing work to another thread. */
enum FollowUp {
  /** A named background task: {@code ContextualTasks.createTaskWithContext(.., "notify-order-<id>")}. */
  TASK,
  /** {@code ContextualTasks.runInExecutorWithContext} on a plain pool. */
  HELPER_ON_PLAIN_POOL,
  /** A task submitted to the server's default {@code ManagedExecutorService}. */
  MANAGED_EXECUTOR,
  /** A dependent stage ({@code thenApplyAsync}) of the default managed executor's future. */
  MANAGED_STAGE,
  /** A task scheduled on the server's default {@code ManagedScheduledExecutorService}. */
  SCHEDULED,
  /** A {@code ContextService} proxy (a context service propagating "LogContext") run on a plain pool. */
  CONTEXT_PROXY,
  /** A task on a {@code @ManagedExecutorDefinition} executor with that context service. */
  DEFINED_EXECUTOR,
  /** A Jakarta {@code @Asynchronous} + {@code @PreserveContext} method on an executor clearing "LogContext". */
  ASYNC_BEAN,
  /** An outbound JAX-RS client call to {@code GET /inventory/{item}}, logged by that endpoint. */
  INVENTORY,
  /** A task on an EE 11 {@code @ManagedExecutorDefinition(virtual = true)} executor (EE 11 WAR only). */
  VIRTUAL_EXECUTOR;

  /** The name in log lines and JSON answers, for example {@code managed-executor}. */
  String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The one line this follow-up logs: {@code follow-up: <name>}. */
  String logLine() {
    return "follow-up: " + jsonName();
  }
}
