package dev.logctx.micronaut;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.SubscriptionContext;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Sits between a Reactor operator and its subscriber and delivers every signal to that subscriber
 * in the context of its subscription: the snapshot taken when the subscriber subscribed, attached
 * ({@link LogContext#attach()}, recorded as the subscription context of the signal being
 * delivered, which logctx-micrometer's accessor keeps) around each {@code onSubscribe}, {@code onNext}, {@code
 * tryOnNext}, {@code onError}, {@code onComplete}, around {@code poll} and {@code clear} of a
 * fused queue and around {@code request} and {@code cancel} going upstream. Whatever thread emits
 * or schedules the signal, the subscriber's code never sees that thread's MDC, and the thread gets
 * its own MDC back afterwards.
 *
 * <p>The snapshot: the one carried in the downstream subscriber's Reactor {@code Context} under
 * {@link ReactorScheduleHook#SUBSCRIPTION_CONTEXT_KEY} when there is one (the operators of one
 * pipeline share the snapshot of the place where the pipeline was subscribed, also when {@code
 * subscribeOn} subscribes them on another thread), else the MDC of the subscribing thread, now.
 * The subscriber's {@code currentContext()} carries it upstream under that key, and, where the
 * snapshot is taken, also under {@link ReactorScheduleHook#MICROMETER_ACCESSOR_KEY}, where
 * Reactor's automatic context propagation finds it when logctx-micrometer is present.
 *
 * <p>It is a {@code QueueSubscription} and a {@code ConditionalSubscriber} that forward to the
 * operator's own, so Reactor's fusion and conditional paths keep working, and it is {@code
 * Scannable} ({@code PARENT}, {@code ACTUAL}). Not API: {@link ReactorScheduleHook} installs it
 * on every operator through {@code Hooks.onEachOperator}.
 *
 * @param <T> the element type
 */
final class SubscriptionContextSubscriber<T>
    implements Fuseable.ConditionalSubscriber<T>, Fuseable.QueueSubscription<T>, Scannable {

  /**
   * The function for {@code Hooks.onEachOperator}: lifts every operator but scalar sources
   * ({@code Mono.just}, {@code Flux.empty}...), which emit on the thread that subscribes or
   * requests, so that Reactor's shortcuts for them stay.
   */
  static Function<? super Publisher<Object>, ? extends Publisher<Object>> hook() {
    return Operators.lift(
        publisher -> !(publisher instanceof Fuseable.ScalarCallable),
        SubscriptionContextSubscriber::lift);
  }

  private static CoreSubscriber<Object> lift(
      Scannable publisher, CoreSubscriber<? super Object> actual) {
    Context downstream = actual.currentContext();
    Object carried = downstream.getOrDefault(ReactorScheduleHook.SUBSCRIPTION_CONTEXT_KEY, null);
    if (carried instanceof LogContext) {
      return new SubscriptionContextSubscriber<>(actual, (LogContext) carried, downstream);
    }
    LogContext here = LogContext.current();
    Context upstream =
        downstream
            .put(ReactorScheduleHook.SUBSCRIPTION_CONTEXT_KEY, here)
            .put(ReactorScheduleHook.MICROMETER_ACCESSOR_KEY, here);
    return new SubscriptionContextSubscriber<>(actual, here, upstream);
  }

  private final CoreSubscriber<? super T> actual;
  private final Fuseable.@Nullable ConditionalSubscriber<? super T> conditional;
  private final LogContext context;
  private final Context reactorContext;
  private @Nullable Subscription upstream;
  private Fuseable.@Nullable QueueSubscription<T> queue;

  @SuppressWarnings("unchecked") // a conditional subscriber of the same element type
  private SubscriptionContextSubscriber(
      CoreSubscriber<? super T> actual, LogContext context, Context reactorContext) {
    this.actual = actual;
    this.conditional =
        actual instanceof Fuseable.ConditionalSubscriber
            ? (Fuseable.ConditionalSubscriber<? super T>) actual
            : null;
    this.context = context;
    this.reactorContext = reactorContext;
  }

  @Override
  public Context currentContext() {
    return reactorContext;
  }

  @Override
  @SuppressWarnings("unchecked") // the operator's queue holds this subscriber's element type
  public void onSubscribe(Subscription s) {
    upstream = s;
    if (s instanceof Fuseable.QueueSubscription) {
      queue = (Fuseable.QueueSubscription<T>) s;
    }
    Scope scope = SubscriptionContext.attach(context);
    try {
      actual.onSubscribe(this);
    } finally {
      scope.close();
    }
  }

  @Override
  public void onNext(T t) {
    Scope scope = SubscriptionContext.attach(context);
    try {
      actual.onNext(t);
    } finally {
      scope.close();
    }
  }

  @Override
  public boolean tryOnNext(T t) {
    Scope scope = SubscriptionContext.attach(context);
    try {
      if (conditional != null) {
        return conditional.tryOnNext(t);
      }
      actual.onNext(t);
      return true;
    } finally {
      scope.close();
    }
  }

  @Override
  public void onError(Throwable t) {
    Scope scope = SubscriptionContext.attach(context);
    try {
      actual.onError(t);
    } finally {
      scope.close();
    }
  }

  @Override
  public void onComplete() {
    Scope scope = SubscriptionContext.attach(context);
    try {
      actual.onComplete();
    } finally {
      scope.close();
    }
  }

  @Override
  public void request(long n) {
    Subscription s = upstream;
    if (s == null) {
      return;
    }
    Scope scope = SubscriptionContext.attach(context);
    try {
      s.request(n);
    } finally {
      scope.close();
    }
  }

  @Override
  public void cancel() {
    Subscription s = upstream;
    if (s == null) {
      return;
    }
    Scope scope = SubscriptionContext.attach(context);
    try {
      s.cancel();
    } finally {
      scope.close();
    }
  }

  @Override
  public int requestFusion(int requestedMode) {
    Fuseable.QueueSubscription<T> q = queue;
    return q == null ? Fuseable.NONE : q.requestFusion(requestedMode);
  }

  @Override
  public @Nullable T poll() {
    Fuseable.QueueSubscription<T> q = queue;
    if (q == null) {
      return null;
    }
    Scope scope = SubscriptionContext.attach(context);
    try {
      return q.poll();
    } finally {
      scope.close();
    }
  }

  @Override
  public int size() {
    Fuseable.QueueSubscription<T> q = queue;
    return q == null ? 0 : q.size();
  }

  @Override
  public boolean isEmpty() {
    Fuseable.QueueSubscription<T> q = queue;
    return q == null || q.isEmpty();
  }

  @Override
  public void clear() {
    Fuseable.QueueSubscription<T> q = queue;
    if (q == null) {
      return;
    }
    Scope scope = SubscriptionContext.attach(context);
    try {
      q.clear();
    } finally {
      scope.close();
    }
  }

  @Override
  @SuppressWarnings("rawtypes") // Scannable declares the raw type
  public @Nullable Object scanUnsafe(Attr key) {
    if (key == Attr.PARENT) {
      return upstream;
    }
    if (key == Attr.ACTUAL) {
      return actual;
    }
    if (key == Attr.RUN_STYLE) {
      return Attr.RunStyle.SYNC;
    }
    return null;
  }

  @Override
  public String toString() {
    return "SubscriptionContextSubscriber{" + context + "}";
  }
}
