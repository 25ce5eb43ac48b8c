package dev.logctx;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scope checked by {@link StrictMode}: wraps the real one and reports misuse instead of letting
 * it corrupt a thread's MDC silently. Loaded only when strict mode is on.
 */
final class StrictScope implements Scope {
  private static final Logger log = LoggerFactory.getLogger(StrictMode.class);
  private static final Cleaner CLEANER = Cleaner.create();
  /** The checked scopes open on each thread, innermost first. */
  private static final ThreadLocal<ArrayDeque<Opening>> OPEN =
      ThreadLocal.withInitial(ArrayDeque::new);

  private final Scope scope;
  private final Opening opening;
  private final Cleaner.Cleanable cleanable;

  private StrictScope(Scope scope) {
    this.scope = scope;
    this.opening = new Opening(Thread.currentThread());
    OPEN.get().push(opening);
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
    opening.closed = true;
    cleanable.clean(); // deregisters; the action sees the scope closed and reports nothing
    ArrayDeque<Opening> open = OPEN.get();
    if (open.peek() != opening) {
      List<Opening> inner = new ArrayList<>();
      for (Opening o : open) {
        if (o == opening) {
          break;
        }
        if (!o.closed) {
          inner.add(o);
        }
      }
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
    }
    open.remove(opening);
    while (!open.isEmpty() && open.peek().closed) {
      open.pop(); // closed elsewhere (reported there)
    }
    scope.close();
  }

  @Override
  public String toString() {
    return "StrictScope{" + scope + "}";
  }

  static void report(String message, Throwable where) {
    log.error(message, where);
  }

  /** Where and by whom a checked scope was opened; doubles as the never-closed check. */
  private static final class Opening implements Runnable {
    final Thread owner;
    final String ownerName;
    final OpenedAt where = new OpenedAt();
    volatile boolean closed;

    Opening(Thread owner) {
      this.owner = owner;
      this.ownerName = owner.getName();
    }

    /** Runs when the scope became unreachable, or when it is closed. */
    @Override
    public void run() {
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
