package dev.logctx.internal;

import dev.logctx.LogContext;
import dev.logctx.Scope;
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
