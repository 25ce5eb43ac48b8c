package dev.logctx.micronaut;

import dev.logctx.LogContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.annotation.PreDestroy;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every task that a Reactor {@code Scheduler} hands to one of its threads — {@code
 * Schedulers.parallel()}, {@code boundedElastic()}, {@code single()}, the {@code new...} and
 * {@code from...} schedulers, whether {@code publishOn}, {@code subscribeOn} or a delay put it
 * there — in the MDC of the thread that scheduled it, as it was at that moment, and gives the
 * worker thread its own MDC back afterwards. (Reactor passes each such task through {@code
 * Schedulers.onSchedule}; {@code Schedulers.immediate()} runs tasks on the calling thread and
 * needs nothing.)
 *
 * <p>It registers a Reactor schedule hook ({@code Schedulers.onScheduleHook}) under the key
 * {@value #HOOK_KEY} when the application context starts, and removes it when the context stops.
 * The hook is {@code runnable -> LogContext.current().wrap(runnable)}: the snapshot is taken on the
 * scheduling thread, attached on the worker (replacing the worker's whole MDC), and the worker's
 * previous MDC is restored after the task, also when it throws. A task that the pipeline schedules
 * once and that then drains several signals (Reactor's queue drain in {@code publishOn}) runs them
 * all in the MDC of that one scheduling.
 *
 * <p>Order beside Micronaut's hook: micronaut-reactor registers its own schedule hook (it
 * re-applies Micronaut's propagated context, with Micronaut's {@code MdcPropagationContext} the
 * MDC of the moment the request filter ran). Reactor applies the hooks in the order they were
 * registered, so the first one registered wraps the task innermost and has the last word on the
 * MDC. This bean is {@link Context @Context} with the highest precedence, so it registers before
 * micronaut-reactor's {@code @Context} bean, and the snapshot of the scheduling moment is what the
 * task sees ({@code
 * WithMdcPropagationContextTest.reactor_tasks_get_the_mdc_of_the_moment_they_are_scheduled_not_of_the_filter};
 * the same pipeline without logctx shows the filter-time MDC: {@code
 * MdcPropagationContextOnlyTest.negative_control_reactor_tasks_get_the_filter_time_mdc}).
 *
 * <p>Cost: per scheduled task, one capture of the MDC on the scheduling thread (a shared constant
 * when it is empty; no copy with logback when it did not change) and one small wrapper object; on
 * the worker, one attach and one restore — the same as a task given to a {@code
 * ContextualExecutors} executor.
 *
 * <p>The hook is global to the JVM, as Reactor's hooks are: two application contexts running at
 * once in one JVM share it, and the first to stop removes it. It is present only when {@code
 * reactor-core} is on the class path, and absent with {@code logctx.micronaut.enabled=false}.
 *
 * <p>Tests: {@code ReactorSchedulersTest} ({@code publishOn(Schedulers.parallel())}, {@code
 * subscribeOn} and {@code publishOn(Schedulers.boundedElastic())}, a {@code Flux}, isolation
 * under concurrent requests on reused scheduler threads), {@code
 * WithoutLogctxTest} (negative controls, the off switch), {@code ReactorScheduleHookLifecycleTest}
 * (the hook is removed when the context stops; the worker's MDC is restored).
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
@Requires(classes = Schedulers.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class ReactorScheduleHook {
  /** The key of logctx's hook among Reactor's schedule hooks: {@value}. */
  public static final String HOOK_KEY = "dev.logctx.micronaut.mdc";

  /** Created by Micronaut, eagerly: registers the hook. */
  public ReactorScheduleHook() {
    Schedulers.onScheduleHook(HOOK_KEY, ReactorScheduleHook::inTheMdcOfNow);
  }

  /** Removes the hook when the application context stops. */
  @PreDestroy
  public void remove() {
    Schedulers.resetOnScheduleHook(HOOK_KEY);
  }

  private static Runnable inTheMdcOfNow(Runnable task) {
    return LogContext.current().wrap(task);
  }
}
