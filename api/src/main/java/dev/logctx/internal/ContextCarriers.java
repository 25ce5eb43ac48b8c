package dev.logctx.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link ContextCarrier} once, when this class initialises (not API), and calls it so
 * that nothing it throws reaches the work (rule 7). Where no carrier is registered, {@link
 * #CARRIER} is null and {@code LogContext} works exactly as without this seam: one null check of a
 * static final field per capture and per attach.
 *
 * <p>The choice: the system property {@value #PROPERTY} set to {@value #NONE} switches carriers
 * off; set to a class name, it names the carrier to use, registered or not (a public class with a
 * public no-argument constructor; one that cannot be created gets a WARN and the default choice is
 * used); else the first registered carrier that loads and starts. A carrier whose classes cannot load
 * (its library is absent) is skipped in silence; one that fails to start for another reason is
 * skipped with a WARN of the logger {@code dev.logctx.internal.ContextCarriers}; when several are
 * usable, a WARN names them and the one used.
 */
public final class ContextCarriers {

  /** The system property that names the carrier, or switches carriers off ({@value #NONE}). */
  public static final String PROPERTY = "logctx.context-carrier";

  /** The value of {@link #PROPERTY} that switches carriers off. */
  public static final String NONE = "none";

  /** The carrier in use, or null: chosen once. */
  public static final @Nullable ContextCarrier CARRIER = load();

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ContextCarriers() {}

  /**
   * {@link ContextCarrier#capture()}, never throwing but a {@link VirtualMachineError}: a failure is
   * logged once and the work carries no extra context (never a guessed one).
   *
   * @param carrier the carrier
   * @return what the carrier captured, or null
   */
  public static @Nullable Object capture(ContextCarrier carrier) {
    try {
      return carrier.capture();
    } catch (RuntimeException | Error e) {
      failed(e);
      return null;
    }
  }

  /**
   * {@link ContextCarrier#attach(Object)}, never throwing but a {@link VirtualMachineError}: a
   * failure is logged once and the work runs anyway.
   *
   * @param carrier the carrier
   * @param captured what it captured
   * @return its restore token, or null when nothing needs restoring
   */
  public static @Nullable Object attach(ContextCarrier carrier, @Nullable Object captured) {
    try {
      return carrier.attach(captured);
    } catch (RuntimeException | Error e) {
      failed(e);
      return null;
    }
  }

  /**
   * {@link ContextCarrier#restore(Object)}, never throwing but a {@link VirtualMachineError}.
   *
   * @param carrier the carrier
   * @param token what {@link #attach} returned, or null (nothing to do)
   */
  public static void restore(ContextCarrier carrier, @Nullable Object token) {
    if (token == null) {
      return;
    }
    try {
      carrier.restore(token);
    } catch (RuntimeException | Error e) {
      failed(e);
    }
  }

  private static void failed(Throwable failure) {
    MdcFailures.rethrowIfFatal(failure);
    if (WARNED.get() || !WARNED.compareAndSet(false, true)) {
      return;
    }
    warn(
        "logctx: the context carrier {} failed; the work runs with the MDC alone where it failed."
            + " Logged once; later failures are not.",
        carrierName(),
        failure);
  }

  private static String carrierName() {
    ContextCarrier carrier = CARRIER;
    return carrier == null ? NONE : carrier.getClass().getName();
  }

  private static @Nullable ContextCarrier load() {
    String choice;
    try {
      choice = System.getProperty(PROPERTY);
    } catch (RuntimeException e) {
      choice = null;
    }
    String wanted = choice == null ? "" : choice.trim();
    if (wanted.equals(NONE)) {
      return null;
    }
    if (!wanted.isEmpty()) {
      ContextCarrier named = named(wanted, ContextCarriers.class.getClassLoader());
      if (named != null) {
        return named;
      }
    }
    List<ContextCarrier> usable = usable(ContextCarriers.class.getClassLoader());
    if (usable.isEmpty()) {
      return null;
    }
    if (usable.size() > 1) {
      List<String> names = new ArrayList<>();
      for (ContextCarrier carrier : usable) {
        names.add(carrier.getClass().getName());
      }
      warn(
          "logctx: several context carriers are registered: {}; logctx uses {}.",
          names,
          names.get(0));
    }
    return usable.get(0);
  }

  /** The carrier of class {@code name}, or null with a WARN when it cannot be created. */
  private static @Nullable ContextCarrier named(String name, @Nullable ClassLoader loader) {
    try {
      Class<?> type = Class.forName(name, true, loader);
      return type.asSubclass(ContextCarrier.class).getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warn(
          "logctx: -D{}={} names no carrier that can be created; the default choice is used.",
          PROPERTY,
          name,
          e);
      return null;
    }
  }

  /** Every registered carrier that loads and starts, in the order of registration. */
  private static List<ContextCarrier> usable(@Nullable ClassLoader loader) {
    List<ContextCarrier> usable = new ArrayList<>();
    Iterator<ServiceLoader.Provider<ContextCarrier>> found;
    try {
      found = ServiceLoader.load(ContextCarrier.class, loader).stream().iterator();
    } catch (ServiceConfigurationError | LinkageError e) {
      return usable;
    }
    while (true) {
      ServiceLoader.Provider<ContextCarrier> registered;
      try {
        if (!found.hasNext()) {
          return usable;
        }
        registered = found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        continue; // its class cannot be loaded: its library is not on the class path
      }
      try {
        usable.add(registered.get());
      } catch (ServiceConfigurationError | LinkageError e) {
        if (!libraryAbsent(e)) {
          warn("logctx: the context carrier {} was skipped: it failed to start.",
              registered.type().getName(), e);
        }
      }
    }
  }

  private static boolean libraryAbsent(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private static void warn(String format, Object... arguments) {
    try {
      LoggerFactory.getLogger(ContextCarriers.class).warn(format, arguments);
    } catch (RuntimeException | LinkageError e) {
      // a log line must never fail the work or the look-up
    }
  }
}
