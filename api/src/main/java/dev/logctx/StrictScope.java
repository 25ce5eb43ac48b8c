package dev.logctx;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scope checked by {@link StrictMode}: wraps the real one and reports misuse instead of letting
 * it corrupt a thread's MDC silently. Loaded only when strict mode is on.
 *
 * <p>Each thread keeps a record (with the stack trace of the opening) of its checked scopes that
 * are still open, to find scopes closed out of order. A record leaves that list when its scope is
 * closed on its thread, or when the scope was never closed and has been reported after it was
 * garbage-collected: strict mode holds nothing of a scope it has reported, so a long-lived pooled
 * thread that leaks scopes does not accumulate their records.
 */
final class StrictScope implements Scope {
  private static final Logger log = LoggerFactory.getLogger(StrictMode.class);
  private static final Cleaner CLEANER = Cleaner.create();
  /** The checked scopes open on each thread. */
  private static final ThreadLocal<OpenScopes> OPEN = ThreadLocal.withInitial(OpenScopes::new);

  private final Scope scope;
  private final Opening opening;
  private final Cleaner.Cleanable cleanable;

  private StrictScope(Scope scope) {
    this.scope = scope;
    this.opening = new Opening(Thread.currentThread(), OPEN.get());
    opening.open.push(opening);
    // The action holds the opening, never this scope: the scope itself can become unreachable.
    this.cleanable = CLEANER.register(this, opening);
  }

  static Scope check(Scope scope) {
    return new StrictScope(scope);
  }

  @Override
  public void close() {
    if (opening.closed) {
      return;
    }
    Thread current = Thread.currentThread();
    if (current != opening.owner) {
      // The same as without strict mode: nothing changes on this thread and the scope stays
      // open, so closing it later on its own thread still restores that thread.
      report(
          "logctx strict mode: a scope opened on thread '"
              + opening.ownerName
              + "' was closed on thread '"
              + current.getName()
              + "'; nothing was changed there and the scope is still open on '"
              + opening.ownerName
              + "', which keeps its context until the scope is closed there. Close a scope on"
              + " the thread that opened it.",
          opening.where);
      return;
    }
    List<Opening> inner = opening.open.openedAfter(opening);
    opening.closed = true;
    cleanable.clean(); // deregisters and leaves the list; the action reports nothing: closed
    if (!inner.isEmpty()) {
      OpenedAt where = opening.where;
      for (Opening o : inner) {
        where.addSuppressed(o.where);
      }
      report(
          "logctx strict mode: a scope was closed while "
              + inner.size()
              + " scope(s) opened after it on this thread are still open; close scopes in the"
              + " reverse order of opening (the inner ones' openings are attached as suppressed)",
          where);
    }
    scope.close();
  }

  /** How many records of checked scopes the current thread holds (for tests). */
  static int recordsOfThisThread() {
    return OPEN.get().size();
  }

  @Override
  public String toString() {
    return "StrictScope{" + scope + "}";
  }

  static void report(String message, Throwable where) {
    log.error(message, where);
  }

  /**
   * The checked scopes still open on one thread, innermost first, as a list linked through the
   * records. Read and written by that thread and by the Cleaner's thread, which removes the
   * record of a scope it reports, so guarded by this object's lock (uncontended in practice).
   */
  private static final class OpenScopes {
    private @Nullable Opening innermost;
    private int size;

    synchronized void push(Opening opening) {
      opening.outer = innermost;
      if (innermost != null) {
        innermost.inner = opening;
      }
      innermost = opening;
      size++;
    }

    /** Removes {@code opening} if it is still listed; the same record twice is a no-op. */
    synchronized void remove(Opening opening) {
      if (!opening.listed) {
        return;
      }
      opening.listed = false;
      Opening outer = opening.outer;
      Opening inner = opening.inner;
      if (inner == null) {
        innermost = outer;
      } else {
        inner.outer = outer;
      }
      if (outer != null) {
        outer.inner = inner;
      }
      opening.outer = null;
      opening.inner = null;
      size--;
    }

    synchronized int size() {
      return size;
    }

    /** The records listed after {@code opening}: scopes opened after it and still open. */
    synchronized List<Opening> openedAfter(Opening opening) {
      List<Opening> found = new ArrayList<>(0);
      if (!opening.listed) {
        return found;
      }
      for (Opening o = innermost; o != null && o != opening; o = o.outer) {
        found.add(o);
      }
      return found;
    }
  }

  /** Where and by whom a checked scope was opened; doubles as the never-closed check. */
  private static final class Opening implements Runnable {
    final Thread owner;
    final String ownerName;
    final OpenScopes open;
    final OpenedAt where = new OpenedAt();
    volatile boolean closed;
    // guarded by open's lock
    boolean listed = true;
    @Nullable Opening outer;
    @Nullable Opening inner;

    Opening(Thread owner, OpenScopes open) {
      this.owner = owner;
      this.ownerName = owner.getName();
      this.open = open;
    }

    /**
     * Runs when the scope became unreachable, or when it is closed; either way its record leaves
     * the thread's list, so nothing of it stays reachable once it has been reported.
     */
    @Override
    public void run() {
      open.remove(this);
      if (!closed) {
        report(
            "logctx strict mode: a scope opened on thread '"
                + ownerName
                + "' was never closed (found when it was garbage-collected); its context may"
                + " still be on that thread. Close every scope, ideally with try-with-resources.",
            where);
      }
    }
  }

  /** The stack trace of the place where a scope was opened. */
  static final class OpenedAt extends Throwable {
    private static final long serialVersionUID = 1L;

    OpenedAt() {
      super("scope opened here");
    }
  }
}
