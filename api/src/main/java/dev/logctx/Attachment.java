package dev.logctx;

import dev.logctx.internal.ContextCarrier;
import dev.logctx.internal.ContextCarriers;
import dev.logctx.internal.MdcFailures;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of attach and restore (docs/architecture.md, "The one mechanism"): every
 * helper, wrapper, provider and interceptor ends up here.
 *
 * <p>Attach saves the thread's map and replaces the whole MDC with the snapshot (keys absent from
 * the snapshot are absent while it is attached). When the thread already holds exactly the
 * snapshot's entries nothing is written, so a map shared with other code is not touched; close
 * still restores if the work changed it, because isolation comes first. Close restores exactly
 * the saved state: no map when there was none ({@code clear()}), an empty map when there was an
 * empty one, one copy otherwise.
 *
 * <p>A scope belongs to the thread that opened it. Closed on any other thread it changes nothing
 * there and stays open: the opening thread keeps the scope's context until the scope is closed on
 * it (strict mode reports the misuse). Writing the opening thread's saved map into another
 * thread's MDC would hand one request's context to whatever that thread runs next.
 */
final class Attachment implements Scope {
  private final MdcAccess mdc;
  private final Thread owner;
  private final Map<String, String> previous;
  private final boolean wrote;
  private boolean closed;

  private Attachment(MdcAccess mdc, Map<String, String> previous, boolean wrote) {
    this.mdc = mdc;
    this.owner = Thread.currentThread();
    this.previous = previous;
    this.wrote = wrote;
  }

  /** Makes {@code entries} the whole MDC of this thread until the returned scope is closed. */
  static Scope open(Map<String, String> entries) {
    Scope attachment = open(MdcAccess.MDC_ACCESS, entries);
    return StrictMode.enabled ? StrictScope.check(attachment) : attachment;
  }

  /**
   * Makes {@code entries} the whole MDC of this thread, then {@code carried} the carrier's context,
   * until the returned scope is closed; closing restores the carrier's context first, then the MDC
   * (the reverse order). The scope belongs to this thread, as for the MDC alone.
   */
  static Scope open(Map<String, String> entries, ContextCarrier carrier, @Nullable Object carried) {
    Attachment mdc = open(MdcAccess.MDC_ACCESS, entries);
    Scope attachment = new Carried(mdc, carrier, ContextCarriers.attach(carrier, carried));
    return StrictMode.enabled ? StrictScope.check(attachment) : attachment;
  }

  /**
   * {@link #open(Map)} through a given access, unchecked (tests inject a failing one). Never throws
   * but a {@link VirtualMachineError}: when the adapter fails to save the thread's map, the
   * restore clears the thread (what was there is unknown); when it fails to write the entries, the
   * thread is cleared where the adapter allows it and the work runs anyway.
   */
  static Attachment open(MdcAccess mdc, Map<String, String> entries) {
    Map<String, String> previous;
    try {
      previous = mdc.capture();
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.ATTACH, e);
      return write(mdc, entries, Map.of()); // nothing to compare with: always write
    }
    if (previous == entries || previous.equals(entries)) {
      return new Attachment(mdc, previous, false);
    }
    return write(mdc, entries, previous);
  }

  private static Attachment write(
      MdcAccess mdc, Map<String, String> entries, Map<String, String> previous) {
    try {
      if (entries.isEmpty()) {
        mdc.clear();
      } else {
        mdc.replace(entries);
      }
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.ATTACH, e);
      clearAfterFailure(mdc); // no context of another task, at least
    }
    return new Attachment(mdc, previous, true);
  }

  private static void clearAfterFailure(MdcAccess mdc) {
    try {
      mdc.clear();
    } catch (RuntimeException | Error e) {
      MdcFailures.rethrowIfFatal(e); // nothing more can be done here without throwing
    }
  }

  /** Whether {@code thread} opened this scope. */
  boolean ownedBy(Thread thread) {
    return thread == owner;
  }

  @Override
  public void close() {
    if (closed || Thread.currentThread() != owner) {
      return; // closed already, or not this thread's scope: leave this thread's MDC alone
    }
    closed = true;
    try {
      if (!wrote && mdc.holds(previous)) {
        return;
      }
      mdc.restore(previous);
    } catch (RuntimeException | Error e) {
      // A scope never throws into the code that closes it. An adapter that failed to restore
      // must at least not leave this task's context behind on the thread.
      MdcFailures.failed(MdcFailures.Step.RESTORE, e);
      clearAfterFailure(mdc);
    }
  }

  @Override
  public String toString() {
    return "Scope{restores=" + previous + (closed ? ", closed" : "") + "}";
  }

  /** An MDC attachment plus the carrier's context attached after it. */
  private static final class Carried implements Scope {
    private final Attachment mdc;
    private final ContextCarrier carrier;
    private final @Nullable Object token;
    private boolean closed;

    Carried(Attachment mdc, ContextCarrier carrier, @Nullable Object token) {
      this.mdc = mdc;
      this.carrier = carrier;
      this.token = token;
    }

    @Override
    public void close() {
      if (closed || !mdc.ownedBy(Thread.currentThread())) {
        return; // closed already, or not this thread's scope: leave this thread alone
      }
      closed = true;
      ContextCarriers.restore(carrier, token);
      mdc.close();
    }

    @Override
    public String toString() {
      return mdc.toString();
    }
  }
}
