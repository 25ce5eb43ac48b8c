package dev.logctx.internal;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Attaches a task's context in a storage of the task's own (not API). Every place where logctx
 * starts a task — the wrappers of {@code LogContext}, {@code ContextualTasks}, the context
 * providers, the {@code @PreserveContext} interceptor — attaches through here, so a task gets a
 * copy of its context even where the framework shares one MDC between a request and its tasks
 * (see {@link TaskIsolationProvider}). Where no provider is registered, or the thread needs none,
 * this is exactly {@link LogContext#attach()}.
 *
 * <p>Work that runs where it was handed over — on the same thread, in the same shared storage (a
 * synchronous call, a callback run at once) — runs in place: record {@link #handOverPoint()} where
 * it is handed over and attach with {@link #attach(LogContext, Object)}.
 */
public final class TaskIsolation {
  private static final @Nullable TaskIsolationProvider PROVIDER = load();

  private TaskIsolation() {}

  /**
   * Attaches {@code context} for a task on the current thread, in a storage of the task's own when
   * a provider says the thread's MDC is shared.
   *
   * @param context the task's context
   * @return the scope to close when the task is over; it restores the thread's MDC and storage
   */
  public static Scope attach(LogContext context) {
    TaskIsolationProvider provider = PROVIDER;
    if (provider == null) {
      return context.attach();
    }
    Object token = begin(provider);
    if (token == null) {
      return context.attach();
    }
    Scope scope;
    try {
      scope = context.attach();
    } catch (RuntimeException | Error e) {
      provider.end(token);
      throw e;
    }
    return new Isolated(scope, provider, token);
  }

  /**
   * Where work is handed over now: this thread and the shared storage its MDC lives in, for {@link
   * #attach(LogContext, Object)}. Call it on the thread that hands the work over.
   *
   * @return the hand-over point, or null when this thread's MDC is its own (nothing to compare)
   */
  public static @Nullable Object handOverPoint() {
    TaskIsolationProvider provider = PROVIDER;
    if (provider == null) {
      return null;
    }
    Object storage = sharedStorage(provider);
    return storage == null ? null : new HandOverPoint(storage);
  }

  /**
   * Attaches {@code context} for work handed over at {@code handOverPoint}: in place ({@link
   * LogContext#attach()}) when it runs on the thread and in the shared storage where it was handed
   * over, else as {@link #attach(LogContext)}.
   *
   * @param context the work's context
   * @param handOverPoint what {@link #handOverPoint()} returned where the work was handed over
   * @return the scope to close when the work is over
   */
  public static Scope attach(LogContext context, @Nullable Object handOverPoint) {
    TaskIsolationProvider provider = PROVIDER;
    if (provider != null
        && handOverPoint instanceof HandOverPoint
        && ((HandOverPoint) handOverPoint).isHere(provider)) {
      return context.attach();
    }
    return attach(context);
  }

  /**
   * The provider in use, for diagnostics.
   *
   * @return its class name, or {@code "none"}
   */
  public static String providerName() {
    TaskIsolationProvider provider = PROVIDER;
    return provider == null ? "none" : provider.getClass().getName();
  }

  private static @Nullable Object begin(TaskIsolationProvider provider) {
    try {
      return provider.begin();
    } catch (RuntimeException | LinkageError e) {
      return null; // never fail a task over it: it runs as it would without the provider
    }
  }

  private static @Nullable Object sharedStorage(TaskIsolationProvider provider) {
    try {
      return provider.sharedStorage();
    } catch (RuntimeException | LinkageError e) {
      return null; // then the work is isolated, as it would be without a hand-over point
    }
  }

  private static @Nullable TaskIsolationProvider load() {
    return firstUsable(TaskIsolation.class.getClassLoader());
  }

  /**
   * The first registered provider that {@code loader} can load: one whose framework is absent
   * fails to load and is skipped.
   *
   * @param loader where to look for {@code META-INF/services} registrations
   * @return the provider, or null when none is usable
   */
  public static @Nullable TaskIsolationProvider firstUsable(ClassLoader loader) {
    Iterator<TaskIsolationProvider> found =
        ServiceLoader.load(TaskIsolationProvider.class, loader).iterator();
    while (true) {
      try {
        if (!found.hasNext()) {
          return null;
        }
        return found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // its framework is not on the class path: try the next one
      }
    }
  }

  /**
   * A thread (by id: ids are never reused) and the storage its MDC lived in; weak, so that a
   * snapshot kept for long does not keep a finished request's storage alive.
   */
  private static final class HandOverPoint extends WeakReference<Object> {
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
    private final long threadId = Thread.currentThread().getId();

    HandOverPoint(Object storage) {
      super(storage);
    }

    @SuppressWarnings("deprecation") // as above
    boolean isHere(TaskIsolationProvider provider) {
      if (threadId != Thread.currentThread().getId()) {
        return false;
      }
      Object storage = get();
      return storage != null && storage == sharedStorage(provider);
    }
  }

  private static final class Isolated implements Scope {
    private final Scope scope;
    private final TaskIsolationProvider provider;
    private final Object token;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    Isolated(Scope scope, TaskIsolationProvider provider, Object token) {
      this.scope = scope;
      this.provider = provider;
      this.token = token;
    }

    @Override
    public void close() {
      if (closed || Thread.currentThread() != owner) {
        return; // a scope restores only the thread that opened it
      }
      closed = true;
      try {
        scope.close();
      } finally {
        try {
          provider.end(token);
        } catch (RuntimeException | LinkageError e) {
          // a scope never throws into the code that closes it
        }
      }
    }

    @Override
    public String toString() {
      return "Isolated{" + scope + "}";
    }
  }
}
