package dev.logctx.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Where the MDC lives under Vert.x and Quarkus (not API): the one place of logctx that knows it.
 * Quarkus keeps the MDC of a request not per thread but in the request's Vert.x duplicated context,
 * and the request moves between threads with it. Up to Quarkus 3.33 the map is one entry of the
 * context's local data, under the key {@value #QUARKUS_MDC_KEY} (the class name of Quarkus' MDC
 * provider); newer Quarkus keeps it in a Vert.x {@code ContextLocal}, the public static field
 * {@code VertxMDC.MDC_LOCAL}. Both are looked for here, once, when this class initialises.
 *
 * <p>Vert.x is optional and reached by reflection only, so this class loads, and answers "the MDC
 * is the thread's", without it. Where Quarkus' {@code VertxMDC} is present but keeps its map in
 * neither place (a Quarkus whose internals changed again), logctx says so once, at WARN, and then
 * treats the MDC as the thread's: a request filter compares owners by thread, and a task's nested
 * context keeps whatever Quarkus copies into it.
 */
public final class VertxMdcLocation {
  /** The class name of Quarkus' MDC provider, the one that keeps the MDC in the Vert.x context. */
  public static final String QUARKUS_VERTX_MDC = "io.quarkus.vertx.core.runtime.VertxMDC";

  /**
   * The key under which Quarkus up to 3.33 keeps the MDC map in a Vert.x context's local data: the
   * class name of its MDC provider.
   */
  public static final String QUARKUS_MDC_KEY = QUARKUS_VERTX_MDC;

  private static final String VERTX = "io.vertx.core.Vertx";
  private static final String CONTEXT = "io.vertx.core.Context";
  private static final String CONTEXT_LOCAL = "io.vertx.core.spi.context.storage.ContextLocal";

  private static final VertxMdcLocation INSTANCE =
      find(VertxMdcLocation.class.getClassLoader(), QUARKUS_VERTX_MDC);

  /** Vert.x's {@code Vertx.currentContext()}, as {@code () -> Object}; null without Vert.x. */
  private final @Nullable MethodHandle currentContext;

  /** How the MDC map of a context is read, as {@code (Object context) -> Object}. */
  private final @Nullable MethodHandle read;

  /** How the MDC map is taken out of a context, as {@code (Object context) -> void}. */
  private final @Nullable MethodHandle drop;

  /**
   * Quarkus' {@code VertxMDC.INSTANCE.isEmpty(Context)}, as {@code (Object context) -> boolean},
   * while it is not yet known that Quarkus keeps its map under {@link #QUARKUS_MDC_KEY}: the first
   * read makes Quarkus create its map in the context and then looks for it there.
   */
  private final @Nullable MethodHandle probe;

  private final String shape;
  private final String quarkus;
  private final AtomicBoolean probed = new AtomicBoolean();
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean neither;

  private VertxMdcLocation(
      @Nullable MethodHandle currentContext,
      @Nullable MethodHandle read,
      @Nullable MethodHandle drop,
      @Nullable MethodHandle probe,
      String shape,
      String quarkus) {
    this.currentContext = currentContext;
    this.read = read;
    this.drop = drop;
    this.probe = probe;
    this.shape = shape;
    this.quarkus = quarkus;
  }

  /**
   * The location of this class loader's Vert.x and Quarkus, found once.
   *
   * @return the location
   */
  public static VertxMdcLocation get() {
    return INSTANCE;
  }

  /**
   * Looks for Vert.x and for the Quarkus MDC provider named {@code quarkusVertxMdc} through {@code
   * loader}. Never throws: what cannot be found or linked counts as absent.
   *
   * @param loader where to look
   * @param quarkusVertxMdc the class name of Quarkus' MDC provider (another one in tests)
   * @return the location
   */
  public static VertxMdcLocation find(ClassLoader loader, String quarkusVertxMdc) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> context;
    MethodHandle currentContext;
    try {
      Class<?> vertx = Class.forName(VERTX, false, loader);
      context = Class.forName(CONTEXT, false, loader);
      currentContext =
          lookup
              .findStatic(vertx, "currentContext", MethodType.methodType(context))
              .asType(MethodType.methodType(Object.class));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return new VertxMdcLocation(null, null, null, null, "no Vert.x", QUARKUS_VERTX_MDC);
    }
    Class<?> quarkus;
    try {
      quarkus = Class.forName(quarkusVertxMdc, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      quarkus = null; // plain Vert.x: no MDC in the context, the key is simply never found
    }
    VertxMdcLocation found = null;
    String failure;
    try {
      Object contextLocal = quarkus == null ? null : contextLocal(quarkus, loader);
      if (contextLocal != null) {
        found =
            withContextLocal(
                lookup, currentContext, context, contextLocal, loader, quarkusVertxMdc);
      } else {
        found = withLocalKey(lookup, currentContext, context, quarkus, quarkusVertxMdc);
      }
      failure = "";
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      failure = e.toString();
    }
    if (found != null) {
      return found;
    }
    if (quarkus == null) {
      return new VertxMdcLocation(
          currentContext, null, null, null, "Vert.x, no MDC location", quarkusVertxMdc);
    }
    VertxMdcLocation none =
        new VertxMdcLocation(currentContext, null, null, null, "neither", quarkusVertxMdc);
    none.foundNeither(failure);
    return none;
  }

  /** {@code VertxMDC.MDC_LOCAL} when it is a public static Vert.x {@code ContextLocal}. */
  private static @Nullable Object contextLocal(Class<?> quarkus, ClassLoader loader)
      throws ReflectiveOperationException {
    Field field;
    try {
      field = quarkus.getField("MDC_LOCAL");
    } catch (NoSuchFieldException e) {
      return null; // Quarkus 3.33 and older
    }
    if (!Modifier.isStatic(field.getModifiers())) {
      throw new NoSuchFieldException("MDC_LOCAL is not static");
    }
    Object local = field.get(null);
    Class<?> contextLocal = Class.forName(CONTEXT_LOCAL, false, loader);
    if (!contextLocal.isInstance(local)) {
      throw new ClassCastException("MDC_LOCAL is not a " + CONTEXT_LOCAL + ": " + local);
    }
    return local;
  }

  private static VertxMdcLocation withContextLocal(
      MethodHandles.Lookup lookup,
      MethodHandle currentContext,
      Class<?> context,
      Object local,
      ClassLoader loader,
      String quarkusVertxMdc)
      throws ReflectiveOperationException {
    Class<?> contextLocal = Class.forName(CONTEXT_LOCAL, false, loader);
    MethodHandle get =
        lookup
            .findVirtual(contextLocal, "get", MethodType.methodType(Object.class, context))
            .bindTo(local)
            .asType(MethodType.methodType(Object.class, Object.class));
    MethodHandle remove =
        lookup
            .findVirtual(contextLocal, "remove", MethodType.methodType(void.class, context))
            .bindTo(local)
            .asType(MethodType.methodType(void.class, Object.class));
    return new VertxMdcLocation(
        currentContext, get, remove, null, "ContextLocal MDC_LOCAL", quarkusVertxMdc);
  }

  private static VertxMdcLocation withLocalKey(
      MethodHandles.Lookup lookup,
      MethodHandle currentContext,
      Class<?> context,
      @Nullable Class<?> quarkus,
      String quarkusVertxMdc)
      throws ReflectiveOperationException {
    MethodHandle get =
        MethodHandles.insertArguments(
                lookup.findVirtual(
                    context, "getLocal", MethodType.methodType(Object.class, Object.class)),
                1,
                QUARKUS_MDC_KEY)
            .asType(MethodType.methodType(Object.class, Object.class));
    MethodHandle remove =
        MethodHandles.insertArguments(
                lookup.findVirtual(
                    context, "removeLocal", MethodType.methodType(boolean.class, Object.class)),
                1,
                QUARKUS_MDC_KEY)
            .asType(MethodType.methodType(void.class, Object.class));
    MethodHandle probe = null;
    if (quarkus != null) {
      Object instance = quarkus.getField("INSTANCE").get(null);
      probe =
          lookup
              .findVirtual(quarkus, "isEmpty", MethodType.methodType(boolean.class, context))
              .bindTo(instance)
              .asType(MethodType.methodType(boolean.class, Object.class));
    }
    return new VertxMdcLocation(
        currentContext, get, remove, probe, "local " + QUARKUS_MDC_KEY, quarkusVertxMdc);
  }

  /**
   * The calling thread's current Vert.x context, duplicated or root: where the MDC of the thread
   * lives when Quarkus keeps it in the context. Compared by identity.
   *
   * @return the context, or null when the thread has none or Vert.x is absent
   */
  public @Nullable Object currentContext() {
    MethodHandle handle = currentContext;
    if (handle == null) {
      return null;
    }
    try {
      return (Object) handle.invokeExact();
    } catch (Throwable e) {
      throw unchecked(e);
    }
  }

  /**
   * The MDC map that Quarkus keeps in {@code context}, or null when it holds none (the MDC is then
   * the thread's). Never throws: where reading fails, the reason is logged at WARN once and the
   * answer is null.
   *
   * @param context a Vert.x context
   * @return the map, compared by identity, or null
   */
  public @Nullable Object mdcMap(Object context) {
    MethodHandle handle = read;
    if (handle == null || neither) {
      return null;
    }
    try {
      Object map = (Object) handle.invokeExact(context);
      MethodHandle check = probe;
      if (check != null && probed.compareAndSet(false, true)) {
        map = confirm(check, handle, context, map);
      }
      return map;
    } catch (Throwable e) {
      MdcFailures.rethrowIfFatal(e);
      readFailed(e);
      return null;
    }
  }

  /**
   * The MDC map that Quarkus keeps in the calling thread's current Vert.x context.
   *
   * @return the map, compared by identity, or null when the thread's MDC is its own
   */
  public @Nullable Object currentMdcMap() {
    Object context = currentContext();
    return context == null ? null : mdcMap(context);
  }

  /**
   * Takes the MDC map out of {@code context}, a context just made for a task from its request's
   * context (which may have copied or shared the request's map into it), so that the task's MDC
   * starts empty in a map of its own. Does nothing where the context holds none.
   *
   * @param context a Vert.x context
   */
  public void dropMdc(Object context) {
    MethodHandle handle = drop;
    if (handle == null || neither) {
      return;
    }
    try {
      handle.invokeExact(context);
    } catch (Throwable e) {
      throw unchecked(e);
    }
  }

  /** Where the MDC was found, for diagnostics. */
  @Override
  public String toString() {
    return "VertxMdcLocation{" + (neither ? "neither" : shape) + "}";
  }

  /**
   * The first read of a context with Quarkus' MDC provider present and no {@code MDC_LOCAL}: make
   * Quarkus create its map in {@code context} and look under the key; finding nothing there means
   * Quarkus keeps it somewhere else.
   */
  private @Nullable Object confirm(
      MethodHandle check, MethodHandle read, Object context, @Nullable Object map) {
    if (map != null) {
      return map;
    }
    String reason;
    try {
      boolean empty = (boolean) check.invokeExact(context);
      Object created = (Object) read.invokeExact(context);
      if (created != null) {
        return created;
      }
      reason = "its map (empty: " + empty + ") is not under the key " + QUARKUS_MDC_KEY;
    } catch (Throwable e) {
      MdcFailures.rethrowIfFatal(e);
      reason = "looking for its map failed with " + e;
    }
    neither = true;
    foundNeither(reason);
    return null;
  }

  private void foundNeither(String reason) {
    warnOnce(
        "logctx: {} is present but keeps the MDC neither under the Vert.x context local {}"
            + " nor in the ContextLocal {}.MDC_LOCAL{}. logctx treats the MDC as the"
            + " thread's: the request filter may leave a request id on a shared context"
            + " map, and tasks may share their request's MDC.",
        quarkus,
        QUARKUS_MDC_KEY,
        quarkus,
        reason.isEmpty() ? "" : " (" + reason + ")");
  }

  private void readFailed(Throwable failure) {
    warnOnce(
        "logctx could not read the MDC map of a Vert.x context ({}); where it fails, the MDC"
            + " counts as the thread's. Logged once.",
        failure.toString(),
        failure);
  }

  /** One WARN for the life of this location, whatever it is about. */
  private void warnOnce(String format, Object... arguments) {
    if (!warned.compareAndSet(false, true)) {
      return;
    }
    try {
      LoggerFactory.getLogger(VertxMdcLocation.class).warn(format, arguments);
    } catch (RuntimeException | LinkageError e) {
      // a log line must never fail the caller
    }
  }

  private static RuntimeException unchecked(Throwable e) {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    if (e instanceof Error) {
      throw (Error) e;
    }
    return new IllegalStateException(e);
  }
}
