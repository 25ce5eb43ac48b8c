package dev.logctx;

import java.util.Map;

/**
 * The one implementation of attach and restore (DESIGN.md, "The one mechanism"): every helper,
 * wrapper, provider and interceptor ends up here.
 *
 * <p>Attach saves the thread's map and replaces the whole MDC with the snapshot (keys absent from
 * the snapshot are absent while it is attached). When the thread already holds exactly the
 * snapshot's entries nothing is written, so a map shared with other code is not touched; close
 * still restores if the work changed it, because isolation comes first. Close restores exactly
 * the saved map: {@code clear()} when it was empty, one copy otherwise.
 */
final class Attachment implements Scope {
  private final Map<String, String> previous;
  private final boolean wrote;
  private boolean closed;

  private Attachment(Map<String, String> previous, boolean wrote) {
    this.previous = previous;
    this.wrote = wrote;
  }

  /** Makes {@code entries} the whole MDC of this thread until the returned scope is closed. */
  static Scope open(Map<String, String> entries) {
    MdcAccess mdc = MdcAccess.MDC_ACCESS;
    Map<String, String> previous = mdc.capture();
    Attachment attachment;
    if (previous == entries || previous.equals(entries)) {
      attachment = new Attachment(previous, false);
    } else {
      if (entries.isEmpty()) {
        mdc.clear();
      } else {
        mdc.replace(entries);
      }
      attachment = new Attachment(previous, true);
    }
    return StrictMode.enabled ? StrictScope.check(attachment) : attachment;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    MdcAccess mdc = MdcAccess.MDC_ACCESS;
    try {
      if (!wrote && mdc.holds(previous)) {
        return;
      }
      if (previous.isEmpty()) {
        mdc.clear();
      } else {
        mdc.replace(previous);
      }
    } catch (RuntimeException e) {
      // A scope never throws into the code that closes it (DESIGN.md rule 7). An adapter that
      // failed to restore must at least not leave this task's context behind on the thread.
      try {
        mdc.clear();
      } catch (RuntimeException ignored) {
        // nothing more can be done here without throwing
      }
    }
  }

  @Override
  public String toString() {
    return "Scope{restores=" + previous + (closed ? ", closed" : "") + "}";
  }
}
