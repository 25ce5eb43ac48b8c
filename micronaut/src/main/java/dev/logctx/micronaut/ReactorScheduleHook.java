package dev.logctx.micronaut;

import dev.logctx.LogContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.annotation.PreDestroy;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the operators of every Reactor pipeline in the context of its <em>subscription</em>: each
 * subscriber's code — {@code map}, {@code doOnNext}, {@code filter}, {@code subscribe}'s
 * consumers, whatever runs when a signal reaches it — sees the MDC as it was where the pipeline
 * was subscribed, on whatever thread the signal arrives, and never the MDC of the thread that
 * emitted or scheduled the signal. A shared ("hot") stream — a {@code Sinks.many()} flux, {@code
 * share()}, {@code publish()} — that several requests subscribe to therefore gives each
 * subscriber its own request's id, not the id of the request that happened to emit; a
 * subscription made where the MDC is empty (at start-up, inside {@code
 * LogContext.empty().run(...)}) runs with an empty MDC. Work subscribed in a request, such as a
 * {@code Flux.interval}, carries that request's context for as long as it runs, as a task created
 * there does.
 *
 * <p>Two Reactor hooks, registered under the key {@value #HOOK_KEY} when the application context
 * starts and removed when it stops:
 *
 * <ul>
 *   <li>an operator hook ({@code Hooks.onEachOperator}) that puts a subscriber between every
 *       operator assembled from then on and its downstream subscriber. At subscription it takes
 *       the snapshot carried in the downstream subscriber's Reactor {@code Context} under {@link
 *       #SUBSCRIPTION_CONTEXT_KEY} (so the operators of one pipeline share the snapshot of the
 *       place where it was subscribed, also those that {@code subscribeOn} subscribes on another
 *       thread), else the subscribing thread's MDC, and passes it upstream under that key; it
 *       attaches the snapshot around every signal it delivers (and around {@code request}, {@code
 *       cancel} and a fused queue's {@code poll}) and restores the thread's own MDC afterwards.
 *       Scalar sources ({@code Mono.just}, {@code Flux.empty}) are left as they are: they emit on
 *       the thread that subscribes or requests. Reactor's fusion, conditional subscribers and
 *       {@code Scannable} keep working through it.
 *   <li>a schedule hook ({@code Schedulers.onScheduleHook}) that runs every task handed to a
 *       Reactor {@code Scheduler} ({@code parallel()}, {@code boundedElastic()}, {@code single()},
 *       {@code new...}, {@code from...}) in the MDC of the thread that handed it over, as a task
 *       given to an executor, and gives the worker its own MDC back afterwards. It covers what
 *       runs in such a task outside any signal: the subscription that {@code subscribeOn} makes on
 *       the worker (a {@code Mono.fromCallable}'s callable runs there) and tasks scheduled directly
 *       on a {@code Scheduler}. Signals that the task delivers still run in their subscriber's
 *       context.
 * </ul>
 *
 * <p>What stays out of reach: a pipeline assembled before the hook was registered (a {@code Flux}
 * built in a static initialiser that runs before the application context) is not decorated. The
 * first operator after a {@code Sinks} flux (or another Reactor publisher that is not an operator,
 * such as a processor) receives the emitter's signals directly, on the emitting thread; its own
 * code ({@code sink.asFlux().map(f)}: {@code f}) runs in the emitter's MDC, as it does without
 * logctx. Every operator after it runs in its subscription's context; start such a pipeline with
 * an operator that runs no code of the application ({@code publishOn}, {@code share()}, {@code
 * hide()}).
 *
 * <p>Beside Micronaut's own propagation: micronaut-reactor registers a schedule hook of its own
 * (without Micrometer context-propagation on the class path) that re-applies Micronaut's
 * propagated context of the scheduling thread around each task, or switches Reactor's automatic
 * context propagation on (with it). Both run outside the signals this bean decorates: the
 * subscription's snapshot is attached innermost, replaces the whole MDC while the subscriber's
 * code runs, and is restored before Micronaut restores its own. This bean is {@link Context
 * @Context} with the highest precedence, so its schedule hook registers before micronaut-reactor's
 * and sits innermost: a task sees logctx's snapshot of the moment it was scheduled, not the
 * filter-time MDC that Micronaut's {@code MdcPropagationContext} carries.
 *
 * <p>Cost: per operator and subscription, one small subscriber object and one look-up in the
 * Reactor {@code Context} (one capture of the MDC and two {@code Context} entries where a pipeline
 * is subscribed); per signal and operator, one attach and one restore, which write nothing when
 * the thread already holds that very map — the case for every operator of a pipeline but the
 * first after a thread switch — and a thread-local record of the subscription being delivered
 * (one small object). Per scheduled task, one capture and one wrapper object.
 *
 * <p>The hooks are global to the JVM, as Reactor's hooks are: two application contexts running
 * at once in one JVM share them, and the first to stop removes them; pipelines decorated before
 * keep their subscription contexts. The bean is present only when {@code reactor-core} is on the
 * class path, and absent with {@code logctx.micronaut.enabled=false}.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
@Requires(classes = Schedulers.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class ReactorScheduleHook {
  /** The key of logctx's hooks among Reactor's schedule hooks and operator hooks: {@value}. */
  public static final String HOOK_KEY = "dev.logctx.micronaut.mdc";

  /**
   * The key under which a subscriber's Reactor {@code Context} carries the {@link LogContext} of
   * its subscription: {@value}. The operators upstream of that subscriber run in it.
   */
  public static final String SUBSCRIPTION_CONTEXT_KEY = "dev.logctx.micronaut.subscription";

  /**
   * The key under which logctx-micrometer's accessor looks for logctx's snapshot in a Reactor
   * {@code Context}: {@value}. Where a pipeline is subscribed, the subscription's snapshot goes
   * under this key too, so that Reactor's automatic context propagation (which sets thread-locals
   * from a subscriber's {@code Context}, inside the subscriber this bean puts between operators)
   * sets that same snapshot, rather than an empty MDC for a {@code Context} without the key.
   */
  static final String MICROMETER_ACCESSOR_KEY = "logctx";

  /** Created by Micronaut, eagerly: registers the hooks. */
  public ReactorScheduleHook() {
    Schedulers.onScheduleHook(HOOK_KEY, ReactorScheduleHook::inTheMdcOfNow);
    Hooks.onEachOperator(HOOK_KEY, SubscriptionContextSubscriber.hook());
  }

  /** Removes the hooks when the application context stops. */
  @PreDestroy
  public void remove() {
    Hooks.resetOnEachOperator(HOOK_KEY);
    Schedulers.resetOnScheduleHook(HOOK_KEY);
  }

  private static Runnable inTheMdcOfNow(Runnable task) {
    return LogContext.current().wrap(task);
  }
}
