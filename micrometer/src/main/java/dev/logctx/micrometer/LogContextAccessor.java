package dev.logctx.micrometer;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.MdcFailures;
import dev.logctx.internal.SubscriptionContext;
import dev.logctx.internal.TaskIsolation;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Carries logctx's snapshot of the MDC wherever Micrometer context-propagation carries thread-local
 * state: {@code ContextSnapshotFactory} captures it, {@code ContextSnapshot.wrap(...)}, {@code
 * ContextExecutorService.wrap} and {@code ContextScheduledExecutorService.wrap} hand it over, and
 * Reactor's automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()},
 * {@code contextCapture()}) restores it around the operators of a pipeline.
 *
 * <p>Registered through {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}: with
 * the jar on the class path, {@code ContextRegistry.getInstance()} has it, under the key {@value
 * #KEY}, and no code is needed.
 *
 * <pre>{@code
 * ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
 * pool.execute(snapshots.captureAll().wrap(() -> log.info("runs with the caller's request_id")));
 * }</pre>
 *
 * <p>The semantics are logctx's everywhere else:
 *
 * <ul>
 *   <li>Capture ({@link #getValue()}) is {@link LogContext#current()}: a reference to the MDC's
 *       immutable map with logback, no copy; an empty MDC captures {@link LogContext#empty()}, never
 *       null, so a task handed over from an empty MDC runs with an empty MDC, also where
 *       Micrometer would otherwise leave the key alone ({@code clearMissing} off, its default).
 *   <li>{@link #setValue(LogContext)} makes the snapshot the whole MDC of the thread; keys absent
 *       from it are absent while it is set, so no value of earlier work on a pooled thread shows.
 *       {@link #setValue()} (Micrometer's "nothing captured" with {@code clearMissing}) sets an
 *       empty MDC — but where logctx-micronaut delivers a Reactor signal in its subscription's
 *       context, that context stays, so the two never undo each other.
 *   <li>The task works on a copy: whatever it puts into or removes from the MDC reaches neither
 *       the thread that captured the snapshot nor the next task on the same thread.
 *   <li>{@link #restore(LogContext)} and {@link #restore()} put back exactly the MDC the thread had
 *       before the matching set: the same entries, an empty map where there was an empty map, no
 *       map where there was none. Sets and restores nest; a restore undoes the most recent set on
 *       this thread whose earlier value it names, and every set opened after it (scopes closed out
 *       of order still leave the thread exactly as it was before the outermost one). A restore on
 *       a thread that has no matching set changes nothing there: a scope belongs to the thread
 *       that opened it.
 *   <li>Nothing here throws into Micrometer or Reactor: an MDC adapter that fails is handled as
 *       logctx handles it everywhere (the work runs, the thread is cleared rather than left with
 *       another task's context, the failure is logged once). Only a {@link VirtualMachineError}
 *       is thrown on.
 * </ul>
 *
 * <p>Beside Micrometer Tracing: its bridges write {@code traceId} and {@code spanId} into the MDC
 * when an observation's scope opens, and Micrometer applies its accessors in the order of the
 * {@code ContextRegistry}, restoring them in reverse order. Whichever order the registry holds,
 * the trace keys in the MDC are those of the observation in effect: when this accessor sets a
 * snapshot on a thread where an observation is in effect (micrometer-observation's accessor,
 * {@code "micrometer.observation"}, registered in {@code ContextRegistry.getInstance()}, has a
 * value)
 * and the thread's MDC holds {@code traceId} or {@code spanId}, those keys keep the thread's
 * values over the snapshot's; every other key comes from the snapshot. So an observation applied
 * just before this accessor keeps the keys its span wrote, and one applied just after writes its
 * own. Restore still puts back exactly the earlier map.
 *
 * <p>Cost per handoff: a capture (a reference read with logback), one attach and one restore
 * (each writes nothing when the thread already holds that very map, as in most operators of a
 * Reactor pipeline), and a capture of the thread's own MDC at each set, so that a restore can be
 * matched to its set; where that MDC holds {@code traceId} or {@code spanId}, a look-up of the
 * observation accessor in the global registry.
 */
public final class LogContextAccessor implements ThreadLocalAccessor<LogContext> {

  /**
   * The key of this accessor in Micrometer's {@code ContextRegistry}, in a {@code ContextSnapshot}
   * and in a Reactor {@code Context}: {@value}.
   */
  public static final String KEY = "logctx";

  /**
   * The key of micrometer-observation's {@code ObservationThreadLocalAccessor}: {@value}. Its value
   * tells whether an observation, and so a tracing span, is in effect on the thread.
   */
  static final String OBSERVATION_KEY = "micrometer.observation";

  /** The MDC keys Micrometer Tracing's bridges write for the span in scope. */
  private static final String TRACE_ID = "traceId";

  private static final String SPAN_ID = "spanId";

  /** The sets of this thread that no restore has undone yet, innermost last. */
  private static final ThreadLocal<OpenSets> OPEN = ThreadLocal.withInitial(OpenSets::new);

  /** Where attach failed (it never throws but a VirtualMachineError): nothing to restore. */
  private static final Scope NOTHING_TO_RESTORE = () -> {};

  /** Created by Micrometer's {@code ServiceLoader} look-up, or by hand for a registry of one's own. */
  public LogContextAccessor() {}

  /**
   * The key under which the snapshot travels.
   *
   * @return {@value #KEY}
   */
  @Override
  public Object key() {
    return KEY;
  }

  /**
   * Captures the thread's MDC now.
   *
   * @return {@link LogContext#current()}; {@link LogContext#empty()} for an empty MDC, never null
   */
  @Override
  public LogContext getValue() {
    return LogContext.current();
  }

  /**
   * Makes {@code value} the whole MDC of this thread until the matching {@link
   * #restore(LogContext)}.
   *
   * @param value the snapshot to set; a null one (which Micrometer never passes) sets an empty MDC
   */
  @Override
  public void setValue(@Nullable LogContext value) {
    open(value == null ? LogContext.empty() : value);
  }

  /**
   * Sets an empty MDC on this thread until the matching {@link #restore(LogContext)}: Micrometer
   * has no snapshot of logctx's for the work, so it runs with none rather than with whatever the
   * thread holds. While logctx itself delivers a Reactor signal in the context of its subscription
   * (logctx-micronaut's operator hook), that subscription's context stays instead.
   */
  @Override
  public void setValue() {
    open(nothingCaptured());
  }

  /**
   * Sets an empty MDC, as {@link #setValue()}: what Reactor calls on context-propagation releases
   * older than 1.0.3.
   *
   * @deprecated Micrometer's replacement is {@link #setValue()}
   */
  @Deprecated
  @Override
  public void reset() {
    open(nothingCaptured());
  }

  /** What work for which Micrometer holds no snapshot of logctx's runs in. */
  private static LogContext nothingCaptured() {
    LogContext subscription = SubscriptionContext.current();
    return subscription == null ? LogContext.empty() : subscription;
  }

  /**
   * Puts back the MDC this thread had before the set whose earlier value was {@code previousValue}
   * (and before every set opened after it), exactly as it was.
   *
   * @param previousValue what {@link #getValue()} returned before that set
   */
  @Override
  public void restore(@Nullable LogContext previousValue) {
    close(previousValue == null ? LogContext.empty() : previousValue);
  }

  /**
   * Puts back the MDC this thread had before a set made on an empty MDC, exactly as it was (an
   * empty map or no map).
   */
  @Override
  public void restore() {
    close(LogContext.empty());
  }

  private static void open(LogContext context) {
    OpenSets open = OPEN.get();
    LogContext before = LogContext.current();
    Scope scope;
    try {
      scope = TaskIsolation.attach(withTraceKeysInEffect(context, before));
    } catch (RuntimeException | Error e) {
      MdcFailures.rethrowIfFatal(e); // attach handles an adapter's failure itself; never throw
      scope = NOTHING_TO_RESTORE;
    }
    open.push(before, scope);
  }

  /**
   * {@code context}, with the thread's {@code traceId} and {@code spanId} where an observation is
   * in effect on the thread and the thread's MDC holds them: those are its span's.
   */
  private static LogContext withTraceKeysInEffect(LogContext context, LogContext before) {
    String traceId = before.get(TRACE_ID);
    String spanId = before.get(SPAN_ID);
    if ((traceId == null && spanId == null) || !observationInEffect()) {
      return context;
    }
    LogContext kept = traceId == null ? context : context.with(TRACE_ID, traceId);
    return spanId == null ? kept : kept.with(SPAN_ID, spanId);
  }

  /** Whether micrometer-observation's accessor, if registered, has an observation on this thread. */
  private static boolean observationInEffect() {
    try {
      for (ThreadLocalAccessor<?> accessor : ContextRegistry.getInstance().getThreadLocalAccessors()) {
        if (OBSERVATION_KEY.equals(accessor.key())) {
          return accessor.getValue() != null;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // an accessor that fails tells nothing: the snapshot decides, as without tracing
    }
    return false;
  }

  private static void close(LogContext previous) {
    OpenSets open = OPEN.get();
    int match = open.indexOf(previous);
    if (match < 0) {
      return; // not set on this thread: leave this thread's MDC alone
    }
    while (open.size > match) {
      Scope scope = open.pop();
      try {
        scope.close(); // restores exactly; never throws but a VirtualMachineError
      } catch (RuntimeException | Error e) {
        MdcFailures.rethrowIfFatal(e);
      }
    }
  }

  /** A thread's open sets: the value each found, and the scope that restores it. */
  private static final class OpenSets {
    private @Nullable LogContext[] before = new LogContext[4];
    private @Nullable Scope[] scopes = new Scope[4];
    private int size;

    void push(LogContext previous, Scope scope) {
      if (size == scopes.length) {
        before = Arrays.copyOf(before, size * 2);
        scopes = Arrays.copyOf(scopes, size * 2);
      }
      before[size] = previous;
      scopes[size] = scope;
      size++;
    }

    /** The innermost open set whose earlier value equals {@code previous}, or -1. */
    int indexOf(LogContext previous) {
      for (int i = size - 1; i >= 0; i--) {
        LogContext found = before[i];
        if (found != null && (found == previous || found.equals(previous))) {
          return i;
        }
      }
      return -1;
    }

    Scope pop() {
      size--;
      Scope scope = scopes[size];
      scopes[size] = null;
      before[size] = null;
      return scope == null ? NOTHING_TO_RESTORE : scope;
    }
  }
}
