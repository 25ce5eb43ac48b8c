package dev.logctx.opentelemetry.internal;

import dev.logctx.opentelemetry.TraceKeys;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The {@link ContextStorage} wrapper of logctx-opentelemetry (not API): it delegates every call to
 * the storage OpenTelemetry chose, and after each attach and each scope close makes the thread's
 * trace keys in the MDC equal the span context now current ({@link TraceMdc}). So a line logged
 * inside {@code span.makeCurrent()}, by user code or an instrumented library, carries that span,
 * and a line logged after the scope closed carries the span current again (none outside a span).
 *
 * <p>Registered with {@link ContextStorage#addWrapper} by {@link #install()}, which has effect
 * only before OpenTelemetry first uses its storage: logctx-opentelemetry's context carrier calls it
 * when logctx starts, and {@code LogctxContextStorageProvider} calls it while OpenTelemetry looks
 * its providers up, when an application registers that provider. Creating the wrapper touches
 * neither SLF4J nor the MDC: the first MDC write happens at the first attach, after OpenTelemetry
 * has chosen its storage. When OpenTelemetry chose its storage before either ran, {@link
 * #reportIfNotWrapped()} says so once.
 *
 * <p>Composition: OpenTelemetry falls back to its default storage when it finds two providers and
 * none is named by {@value #PROVIDER_PROPERTY}. When the second one is logctx-opentelemetry's own,
 * registered by the application only to be loaded in time, the wrapper puts back the storage of the
 * other provider (Quarkus's, for example) — the storage OpenTelemetry would have used without it —
 * and drops OpenTelemetry's warning about the fallback, which would no longer be true.
 */
public final class TraceKeysStorage implements ContextStorage {

  /** OpenTelemetry's system property that names the storage provider to use. */
  public static final String PROVIDER_PROPERTY = "io.opentelemetry.context.contextStorageProvider";

  /** The provider of this module; it takes no part in the choice of the storage. */
  static final String OWN_PROVIDER = "dev.logctx.opentelemetry.LogctxContextStorageProvider";

  /** The provider of opentelemetry-sdk-testing, which OpenTelemetry always prefers. */
  private static final String TESTING_PROVIDER =
      "io.opentelemetry.sdk.testing.context.SettableContextStorageProvider";

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  /** The wrapper OpenTelemetry applied to its storage, once it did: then attach writes the keys. */
  private static volatile @Nullable TraceKeysStorage active;

  private final ContextStorage delegate;

  private TraceKeysStorage(ContextStorage delegate) {
    this.delegate = delegate;
  }

  /**
   * Registers the wrapper with OpenTelemetry once; later calls do nothing. Has effect only before
   * OpenTelemetry first uses its storage. Never throws.
   */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    try {
      ContextStorage.addWrapper(TraceKeysStorage::wrap);
    } catch (RuntimeException | LinkageError e) {
      // an OpenTelemetry without wrappers: handoffs still carry the context and set the keys
    }
  }

  /**
   * Whether the wrapper is on OpenTelemetry's storage, so that every attach and close writes the
   * trace keys.
   *
   * @return true once OpenTelemetry applied it
   */
  public static boolean isActive() {
    return active != null;
  }

  /**
   * Logs once, at WARN, that OpenTelemetry's storage carries no wrapper when it does not: called
   * after OpenTelemetry has chosen its storage (the carrier calls it after its first {@code
   * Context.current()}). Handoffs then still carry the context and write the keys; a {@code
   * makeCurrent()} of other code does not. Later calls do nothing. Never throws but a {@link
   * VirtualMachineError}.
   */
  public static void reportIfNotWrapped() {
    if (active != null || REPORTED.get() || !REPORTED.compareAndSet(false, true)) {
      return;
    }
    try {
      LoggerFactory.getLogger(TraceKeysStorage.class)
          .warn(
              "logctx-opentelemetry: OpenTelemetry chose its context storage before logctx started,"
                  + " so logctx's storage wrapper is not on it. logctx's handoffs still carry the"
                  + " trace and write {}/{}/{}, but a makeCurrent() of other code (a span of the"
                  + " application, a framework's request span) does not update them. To have them"
                  + " follow every span, add the dependency"
                  + " dev.logctx:logctx-opentelemetry-provider (or list {} in the application's"
                  + " META-INF/services/io.opentelemetry.context.ContextStorageProvider), or start"
                  + " logctx first (see docs/opentelemetry.md). Logged once.",
              TraceKeys.traceIdKey(),
              TraceKeys.spanIdKey(),
              TraceKeys.traceFlagsKey(),
              OWN_PROVIDER);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
    }
  }

  /**
   * Makes {@code context} current in the wrapped storage without writing the keys on attach or on
   * close: for logctx's own handoffs, which write the keys once on attach and then restore the
   * whole MDC exactly, so the keys written on close would be overwritten at once. Falls back to
   * {@link Context#makeCurrent()} when the wrapper is not on OpenTelemetry's storage.
   *
   * @param context the context to make current
   * @return the scope that puts the previous context back
   */
  @SuppressWarnings("MustBeClosedChecker") // handed to the caller, who closes it
  public static Scope attachForHandoff(Context context) {
    TraceKeysStorage storage = active;
    if (storage == null) {
      Scope scope = context.makeCurrent();
      TraceMdc.sync(context);
      return scope;
    }
    Scope scope = storage.delegate.attach(context);
    TraceMdc.sync(context);
    return scope;
  }

  /** What OpenTelemetry calls with the storage it chose, once, while it initialises its storage. */
  private static ContextStorage wrap(ContextStorage chosen) {
    ContextStorage storage = chosen;
    try {
      ContextStorage restored = storageOfTheOtherProvider(chosen);
      if (restored != null) {
        storage = restored;
      }
    } catch (RuntimeException | LinkageError e) {
      storage = chosen; // keep what OpenTelemetry chose
    }
    TraceKeysStorage wrapper = new TraceKeysStorage(storage);
    active = wrapper;
    return wrapper;
  }

  /**
   * The storage of the one other registered provider when OpenTelemetry fell back to its default
   * storage only because this module's provider was a second one; null otherwise.
   */
  private static @Nullable ContextStorage storageOfTheOtherProvider(ContextStorage chosen) {
    if (chosen != ContextStorage.defaultStorage()) {
      return null; // a provider was chosen (or the strict storage wraps it): leave it
    }
    String named = System.getProperty(PROVIDER_PROPERTY, "");
    if (!named.isEmpty()) {
      return null; // the user chose; "default" included
    }
    List<ContextStorageProvider> others = otherProviders();
    if (others.size() != 1) {
      return null; // without this module's provider OpenTelemetry would have chosen the same
    }
    dropFallbackWarning();
    return others.get(0).get();
  }

  /**
   * The providers registered where OpenTelemetry looks for them, but this module's and
   * opentelemetry-sdk-testing's: the ones OpenTelemetry would choose from without this module. One
   * that fails to load is left out.
   *
   * @return those providers, new instances, in the order of registration
   */
  public static List<ContextStorageProvider> otherProviders() {
    List<ContextStorageProvider> found = new ArrayList<>();
    Iterator<ContextStorageProvider> loaded =
        ServiceLoader.load(ContextStorageProvider.class, ContextStorage.class.getClassLoader())
            .iterator();
    while (true) {
      try {
        if (!loaded.hasNext()) {
          return found;
        }
        ContextStorageProvider provider = loaded.next();
        String name = provider.getClass().getName();
        if (!name.equals(OWN_PROVIDER) && !name.equals(TESTING_PROVIDER)) {
          found.add(provider);
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        // OpenTelemetry would have failed on it too; it is none of this module's business
      }
    }
  }

  /**
   * OpenTelemetry logs that it found several providers and falls back to its default storage right
   * after the wrappers ran; with the other provider's storage put back, that is no longer true. A
   * filter drops exactly that one record, then puts back the filter that was there.
   */
  private static void dropFallbackWarning() {
    Logger logger = Logger.getLogger("io.opentelemetry.context.LazyStorage");
    Filter previous = logger.getFilter();
    logger.setFilter(
        new Filter() {
          @Override
          public boolean isLoggable(LogRecord record) {
            Throwable thrown = record.getThrown();
            String message = thrown == null ? null : thrown.getMessage();
            if (message != null && message.startsWith("Found multiple ContextStorageProvider")) {
              logger.setFilter(previous);
              return false;
            }
            return previous == null || previous.isLoggable(record);
          }
        });
  }

  @Override
  public Scope attach(Context toAttach) {
    Scope scope = delegate.attach(toAttach);
    TraceMdc.sync(toAttach);
    if (scope == Scope.noop()) {
      return scope; // it was current already: closing changes nothing, so the keys stay
    }
    return new KeysScope(scope, delegate);
  }

  @Override
  public @Nullable Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }

  @Override
  public String toString() {
    return "TraceKeysStorage{" + delegate + "}";
  }

  /** Closes the delegate's scope, then writes the keys of the context current again. */
  private static final class KeysScope implements Scope {
    private final Scope scope;
    private final ContextStorage storage;

    KeysScope(Scope scope, ContextStorage storage) {
      this.scope = scope;
      this.storage = storage;
    }

    @Override
    public void close() {
      scope.close();
      TraceMdc.sync(storage.current());
    }
  }
}
