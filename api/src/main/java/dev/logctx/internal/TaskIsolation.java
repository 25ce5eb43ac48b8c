package dev.logctx.internal;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

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
  /**
   * The system property that chooses the task isolation provider, read once: the class name of a
   * registered provider, or {@value #NONE} to switch task isolation off.
   */
  public static final String PROPERTY = "logctx.task-isolation";

  /** The value of {@link #PROPERTY} that switches task isolation off. */
  public static final String NONE = "none";

  /** The providers (class names) already reported as skipped: each is reported once. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

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
    return name(provider);
  }

  private static @Nullable Object begin(TaskIsolationProvider provider) {
    try {
      return provider.begin();
    } catch (RuntimeException | Error e) {
      MdcFailures.rethrowIfFatal(e);
      return null; // never fail a task over it: it runs as it would without the provider
    }
  }

  private static @Nullable Object sharedStorage(TaskIsolationProvider provider) {
    try {
      return provider.sharedStorage();
    } catch (RuntimeException | Error e) {
      MdcFailures.rethrowIfFatal(e);
      return null; // then the work is isolated, as it would be without a hand-over point
    }
  }

  private static @Nullable TaskIsolationProvider load() {
    String choice;
    try {
      choice = System.getProperty(PROPERTY);
    } catch (RuntimeException e) {
      choice = null; // a security manager that refuses it: the default choice
    }
    return choose(TaskIsolation.class.getClassLoader(), choice);
  }

  /**
   * The provider to use, chosen once per class loader when this class initialises, never failing
   * it. With {@code choice} null or blank (the system property {@value #PROPERTY} unset): the first
   * usable registered provider (see {@link #firstUsable}); when several are usable, a WARN of the
   * logger {@code dev.logctx.internal.TaskIsolation} names them all and the one used, and says how
   * to pick one. {@code choice} {@code "none"}: no provider, none is even created (tasks attach
   * with {@link LogContext#attach()}). {@code choice} a class name: that provider, if it is
   * registered and usable; any other name is a mistake that must not stop the application, so it
   * gets a WARN that names the usable providers and the default choice, which is then used.
   *
   * @param loader where to look for {@code META-INF/services} registrations
   * @param choice the value of the system property {@value #PROPERTY}, or null
   * @return the provider, or null for none
   */
  public static @Nullable TaskIsolationProvider choose(
      ClassLoader loader, @Nullable String choice) {
    String wanted = choice == null ? "" : choice.trim();
    if (wanted.equals(NONE)) {
      return null;
    }
    List<TaskIsolationProvider> usable = usable(loader);
    TaskIsolationProvider byDefault = usable.isEmpty() ? null : usable.get(0);
    if (!wanted.isEmpty()) {
      for (TaskIsolationProvider provider : usable) {
        if (provider.getClass().getName().equals(wanted)) {
          return provider;
        }
      }
      warn(
          "logctx: -D{}={} names no usable task isolation provider. Usable: {}; logctx uses {}."
              + " Give one of their class names, or {} to switch task isolation off.",
          PROPERTY,
          wanted,
          names(usable),
          name(byDefault),
          NONE);
      return byDefault;
    }
    if (usable.size() > 1) {
      warn(
          "logctx: several task isolation providers are usable: {}; logctx uses {}. Pick one with"
              + " -D{}=<class name>, or switch task isolation off with -D{}={}.",
          names(usable),
          name(byDefault),
          PROPERTY,
          PROPERTY,
          NONE);
    }
    return byDefault;
  }

  /**
   * The first registered provider that {@code loader} can load and create. One whose framework is
   * absent (its class, or a class it needs, is missing or cannot be loaded) is skipped in silence.
   * One that fails to start for any other reason (its constructor or its static initialiser
   * throws) is skipped too, with a WARN of the logger
   * {@code dev.logctx.internal.TaskIsolation} that names it and gives the cause, once per provider
   * for the life of the JVM: without it, tasks may share their request's MDC with no sign.
   *
   * @param loader where to look for {@code META-INF/services} registrations
   * @return the provider, or null when none is usable
   */
  public static @Nullable TaskIsolationProvider firstUsable(ClassLoader loader) {
    List<TaskIsolationProvider> usable = usable(loader);
    return usable.isEmpty() ? null : usable.get(0);
  }

  /** Every registered provider that loads and starts, in the order of registration. */
  private static List<TaskIsolationProvider> usable(ClassLoader loader) {
    List<TaskIsolationProvider> usable = new ArrayList<>();
    Iterator<ServiceLoader.Provider<TaskIsolationProvider>> found =
        ServiceLoader.load(TaskIsolationProvider.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<TaskIsolationProvider> registered;
      try {
        if (!found.hasNext()) {
          return usable;
        }
        registered = found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        continue; // its class cannot be loaded: its framework is not on the class path
      }
      try {
        usable.add(registered.get());
      } catch (ServiceConfigurationError | LinkageError e) {
        if (!frameworkAbsent(e)) {
          warnOnce(registered.type().getName(), e); // loaded, but failed to start: say why
        }
      }
    }
  }

  private static String name(@Nullable TaskIsolationProvider provider) {
    return provider == null ? NONE : provider.getClass().getName();
  }

  private static String names(List<TaskIsolationProvider> providers) {
    if (providers.isEmpty()) {
      return NONE;
    }
    StringJoiner joined = new StringJoiner(", ");
    for (TaskIsolationProvider provider : providers) {
      joined.add(provider.getClass().getName());
    }
    return joined.toString();
  }

  private static void warn(String format, Object... arguments) {
    try {
      LoggerFactory.getLogger(TaskIsolation.class).warn(format, arguments);
    } catch (RuntimeException | LinkageError e) {
      // the choice itself must not fail over a log line
    }
  }

  /** Whether creating a provider failed only because a class it needs is not on the class path. */
  private static boolean frameworkAbsent(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private static void warnOnce(String provider, Throwable failure) {
    if (!WARNED.add(provider)) {
      return;
    }
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    try {
      LoggerFactory.getLogger(TaskIsolation.class)
          .warn(
              "logctx: the task isolation provider {} was skipped: it failed with {}. Tasks run"
                  + " without it: where the framework shares one MDC between a request and its"
                  + " tasks, they share it.",
              provider,
              cause.toString(),
              failure);
    } catch (RuntimeException | LinkageError e) {
      // the look-up itself must not fail over a log line
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
        } catch (RuntimeException | Error e) {
          MdcFailures.rethrowIfFatal(e); // else: a scope never throws into the code closing it
        }
      }
    }

    @Override
    public String toString() {
      return "Isolated{" + scope + "}";
    }
  }
}
