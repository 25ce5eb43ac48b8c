package dev.logctx;

import dev.logctx.internal.TaskIsolation;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The functional objects that {@link LogContext}'s {@code wrap} methods return: each runs its
 * delegate in one snapshot, through {@link TaskIsolation#attach(LogContext)}, and restores the
 * previous MDC afterwards, also when the delegate throws.
 *
 * <p>Wrapping is idempotent: a delegate that the same snapshot (same entries, same extension
 * context) already wrapped is returned unchanged, so handing work through several wrapping layers costs one attach, not one per
 * layer.
 *
 * <p>The wrappers are named classes rather than lambdas: one small object per wrap, no capture of
 * extra state, and a readable name in stack traces. The callers have checked their arguments.
 */
final class ContextualWrappers {

  private ContextualWrappers() {}

  static Runnable runnable(LogContext context, Runnable task) {
    if (task instanceof ContextualRunnable && ((ContextualRunnable) task).context.sameSnapshot(context)) {
      return task;
    }
    return new ContextualRunnable(context, task);
  }

  static <T> Callable<T> callable(LogContext context, Callable<T> task) {
    if (task instanceof ContextualCallable
        && ((ContextualCallable<?>) task).context.sameSnapshot(context)) {
      return task;
    }
    return new ContextualCallable<>(context, task);
  }

  static <T> Supplier<T> supplier(LogContext context, Supplier<T> supplier) {
    if (supplier instanceof ContextualSupplier
        && ((ContextualSupplier<?>) supplier).context.sameSnapshot(context)) {
      return supplier;
    }
    return new ContextualSupplier<>(context, supplier);
  }

  static <T, R> Function<T, R> function(LogContext context, Function<T, R> function) {
    if (function instanceof ContextualFunction
        && ((ContextualFunction<?, ?>) function).context.sameSnapshot(context)) {
      return function;
    }
    return new ContextualFunction<>(context, function);
  }

  static <T> Consumer<T> consumer(LogContext context, Consumer<T> consumer) {
    if (consumer instanceof ContextualConsumer
        && ((ContextualConsumer<?>) consumer).context.sameSnapshot(context)) {
      return consumer;
    }
    return new ContextualConsumer<>(context, consumer);
  }

  static <T, U, R> BiFunction<T, U, R> biFunction(
      LogContext context, BiFunction<T, U, R> function) {
    if (function instanceof ContextualBiFunction
        && ((ContextualBiFunction<?, ?, ?>) function).context.sameSnapshot(context)) {
      return function;
    }
    return new ContextualBiFunction<>(context, function);
  }

  static <T, U> BiConsumer<T, U> biConsumer(LogContext context, BiConsumer<T, U> consumer) {
    if (consumer instanceof ContextualBiConsumer
        && ((ContextualBiConsumer<?, ?>) consumer).context.sameSnapshot(context)) {
      return consumer;
    }
    return new ContextualBiConsumer<>(context, consumer);
  }
  static final class ContextualRunnable implements Runnable {
    final LogContext context;
    private final Runnable task;

    ContextualRunnable(LogContext context, Runnable task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      Scope scope = TaskIsolation.attach(context);
      try {
        task.run();
      } finally {
        scope.close();
      }
    }

    @Override
    public String toString() {
      return "ContextualRunnable{" + task + ", " + context + "}";
    }
  }

  private static final class ContextualCallable<T> implements Callable<T> {
    final LogContext context;
    private final Callable<T> task;

    ContextualCallable(LogContext context, Callable<T> task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      Scope scope = TaskIsolation.attach(context);
      try {
        return task.call();
      } finally {
        scope.close();
      }
    }
  }

  private static final class ContextualSupplier<T> implements Supplier<T> {
    final LogContext context;
    private final Supplier<T> supplier;

    ContextualSupplier(LogContext context, Supplier<T> supplier) {
      this.context = context;
      this.supplier = supplier;
    }

    @Override
    public T get() {
      Scope scope = TaskIsolation.attach(context);
      try {
        return supplier.get();
      } finally {
        scope.close();
      }
    }
  }

  private static final class ContextualFunction<T, R> implements Function<T, R> {
    final LogContext context;
    private final Function<T, R> function;

    ContextualFunction(LogContext context, Function<T, R> function) {
      this.context = context;
      this.function = function;
    }

    @Override
    public R apply(T t) {
      Scope scope = TaskIsolation.attach(context);
      try {
        return function.apply(t);
      } finally {
        scope.close();
      }
    }
  }

  private static final class ContextualConsumer<T> implements Consumer<T> {
    final LogContext context;
    private final Consumer<T> consumer;

    ContextualConsumer(LogContext context, Consumer<T> consumer) {
      this.context = context;
      this.consumer = consumer;
    }

    @Override
    public void accept(T t) {
      Scope scope = TaskIsolation.attach(context);
      try {
        consumer.accept(t);
      } finally {
        scope.close();
      }
    }
  }

  private static final class ContextualBiFunction<T, U, R> implements BiFunction<T, U, R> {
    final LogContext context;
    private final BiFunction<T, U, R> function;

    ContextualBiFunction(LogContext context, BiFunction<T, U, R> function) {
      this.context = context;
      this.function = function;
    }

    @Override
    public R apply(T t, U u) {
      Scope scope = TaskIsolation.attach(context);
      try {
        return function.apply(t, u);
      } finally {
        scope.close();
      }
    }
  }

  private static final class ContextualBiConsumer<T, U> implements BiConsumer<T, U> {
    final LogContext context;
    private final BiConsumer<T, U> consumer;

    ContextualBiConsumer(LogContext context, BiConsumer<T, U> consumer) {
      this.context = context;
      this.consumer = consumer;
    }

    @Override
    public void accept(T t, U u) {
      Scope scope = TaskIsolation.attach(context);
      try {
        consumer.accept(t, u);
      } finally {
        scope.close();
      }
    }
  }
}
