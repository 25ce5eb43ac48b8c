package dev.logctx.demo.jakartaee;

import java.util.Locale;

/**
 * The negative controls: the same hand-overs as the {@link FollowUp}s, with logctx's context
 * cleared or left out. Each logs {@code control: <name>}, which carries no {@code request_id} of
 * the request that started it.
 */
enum Control {
  /** {@code CompletableFuture.runAsync} on a plain pool, no logctx helper. */
  PLAIN_POOL,
  /** A task on a {@code @ManagedExecutorDefinition} executor whose context clears "LogContext". */
  CLEARING_EXECUTOR,
  /** A task on a {@code @ManagedScheduledExecutorDefinition} executor clearing "LogContext". */
  CLEARING_SCHEDULED,
  /** A proxy of a context service clearing "LogContext", run on a plain pool. */
  CLEARING_CONTEXT_PROXY,
  /** A proxy of the server's default {@code ContextService}, run on a plain pool. */
  DEFAULT_CONTEXT_PROXY,
  /** Jakarta {@code @Asynchronous} without {@code @PreserveContext}, on the clearing executor. */
  ASYNC_WITHOUT_PRESERVE,
  /** A JAX-RS client without {@code RequestIdClientFilter}: the callee makes up another id. */
  CLIENT_WITHOUT_FILTER,
  /** An EE 11 virtual-thread executor clearing "LogContext" (EE 11 WAR only). */
  CLEARING_VIRTUAL_EXECUTOR;

  /** The name in log lines and JSON answers, for example {@code clearing-executor}. */
  String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The one line this control logs: {@code control: <name>}. */
  String logLine() {
    return "control: " + jsonName();
  }
}
