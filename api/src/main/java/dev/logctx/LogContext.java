package dev.logctx;

import dev.logctx.internal.ContextCarrier;
import dev.logctx.internal.ContextCarriers;
import dev.logctx.internal.MdcFailures;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the SLF4J MDC: the logging context (request id, user id, trace id...)
 * that work carries when it moves to another thread.
 *
 * <p>Capture the context where work is handed over, run the work in it wherever it executes:
 *
 * <pre>{@code
 * LogContext context = LogContext.current();          // on the request thread
 * executor.execute(context.wrap(() -> log.info("background step")));  // logs request_id
 * }</pre>
 *
 * <p>A snapshot is safe to use from many threads at once, any number of times. {@link #attach()}
 * replaces the <em>whole</em> MDC of the running thread with the snapshot (keys absent from it are
 * absent while it is attached) and the returned {@link Scope} restores exactly the previous map,
 * also when the work throws. Whatever the work puts into or removes from the MDC stays with that
 * run: neither the thread that captured the snapshot nor the next task on a pooled thread sees it.
 *
 * <p>Capturing an empty MDC returns a shared constant and allocates nothing. With logback as the
 * SLF4J binding, capturing an unchanged MDC does not copy it either.
 *
 * <p>Two snapshots are equal when they hold the same entries.
 *
 * <p>With an extension such as logctx-opentelemetry on the class path, a snapshot also carries
 * that extension's context (the OpenTelemetry {@code Context}), captured, attached and restored
 * together with the MDC. Snapshots that were not captured ({@link #empty()}, {@link #of(Map)})
 * carry the extension's empty state (no span), and attaching them makes it current for their
 * scope; {@code with} and {@code without} keep the extension's context of the snapshot they start
 * from. Equality stays by entries only.
 */
public final class LogContext {

  /** The extension found once (ServiceLoader), or null: then this class is as without the seam. */
  private static final @Nullable ContextCarrier CARRIER = ContextCarriers.CARRIER;

  private static final LogContext EMPTY = new LogContext(Map.of(), null);

  /**
   * The entries, unmodifiable and never modified by anyone (see {@link MdcAccess#capture()}); or,
   * when an extension's context was captured with them, a {@link Carried} holding both. One field,
   * so that a snapshot without an extension's context is as small as it always was.
   */
  private final Object state;

  private LogContext(Map<String, String> entries, @Nullable Object carried) {
    this.state = carried == null ? entries : new Carried(entries, carried);
  }

  /** The entries of this snapshot. */
  @SuppressWarnings("unchecked") // state is a Map<String, String> unless it is a Carried
  private Map<String, String> entries() {
    Object now = state;
    if (CARRIER == null || !(now instanceof Carried)) {
      return (Map<String, String>) now;
    }
    return ((Carried) now).entries;
  }

  /** The extension's context captured with the entries; null for none (its empty state). */
  private @Nullable Object carried() {
    Object now = state;
    return now instanceof Carried ? ((Carried) now).context : null;
  }

  /** Entries together with the extension's context captured with them. */
  private static final class Carried {
    final Map<String, String> entries;
    final Object context;

    Carried(Map<String, String> entries, Object context) {
      this.entries = entries;
      this.context = context;
    }
  }

  /**
   * Captures the calling thread's MDC now.
   *
   * <p>When the MDC adapter fails to read the MDC, this returns {@link #empty()} rather than
   * throw: work handed over then runs with no context, never with a guessed one (the failure is
   * logged once at WARN).
   *
   * @return a snapshot of the current MDC; {@link #empty()} when it holds nothing (and no
   *     extension context was captured with it)
   */
  public static LogContext current() {
    Map<String, String> now;
    try {
      now = MdcAccess.MDC_ACCESS.capture();
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.CAPTURE, e);
      now = Map.of();
      if (CARRIER == null) {
        return EMPTY;
      }
    }
    ContextCarrier carrier = CARRIER;
    if (carrier == null) {
      return now.isEmpty() ? EMPTY : new LogContext(now, null);
    }
    Object extra = ContextCarriers.capture(carrier);
    return now.isEmpty() && extra == null ? EMPTY : new LogContext(now, extra);
  }

  /**
   * The empty context. Attaching it runs work with an empty MDC.
   *
   * @return the shared empty snapshot
   */
  public static LogContext empty() {
    return EMPTY;
  }

  /**
   * A snapshot holding a copy of {@code entries}; later changes to that map do not affect it.
   *
   * @param entries keys and values, none of them null
   * @return the snapshot
   * @throws NullPointerException if {@code entries}, one of its keys or one of its values is null
   */
  public static LogContext of(Map<String, String> entries) {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      return EMPTY;
    }
    HashMap<String, String> copy = new HashMap<>(entries);
    copy.forEach(LogContext::requireEntry);
    return new LogContext(Collections.unmodifiableMap(copy), null);
  }

  private static void requireEntry(@Nullable String key, @Nullable String value) {
    Objects.requireNonNull(key, "entries must not contain a null key");
    Objects.requireNonNull(value, () -> "entries must not contain a null value (key '" + key + "')");
  }

  /**
   * The entries of this snapshot.
   *
   * @return an unmodifiable map, never null
   */
  public Map<String, String> asMap() {
    return entries();
  }

  /**
   * The value of one key.
   *
   * @param key the MDC key
   * @return its value in this snapshot, or null when the snapshot does not hold the key
   */
  public @Nullable String get(String key) {
    Objects.requireNonNull(key, "key");
    return entries().get(key);
  }

  /**
   * Whether this snapshot holds no entry.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return entries().isEmpty();
  }

  /**
   * A snapshot with one key added or replaced; this one is unchanged.
   *
   * @param key the MDC key
   * @param value its value
   * @return the new snapshot
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public LogContext with(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> entries = entries();
    if (value.equals(entries.get(key))) {
      return this;
    }
    HashMap<String, String> copy = new HashMap<>(entries);
    copy.put(key, value);
    return new LogContext(Collections.unmodifiableMap(copy), carried());
  }

  /**
   * A snapshot with several keys added or replaced; this one is unchanged.
   *
   * <pre>{@code
   * LogContext job = LogContext.current().with(Map.of("job", "nightly-export", "shard", "3"));
   * }</pre>
   *
   * @param entries keys and values to add, none of them null
   * @return the new snapshot ({@code this} when every entry is already here with that value)
   * @throws NullPointerException if {@code entries}, one of its keys or one of its values is null
   */
  public LogContext with(Map<String, String> entries) {
    Objects.requireNonNull(entries, "entries");
    HashMap<String, String> merged = null;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      requireEntry(key, value);
      if (merged == null && !value.equals(entries().get(key))) {
        merged = new HashMap<>(entries());
      }
      if (merged != null) {
        merged.put(key, value);
      }
    }
    return merged == null ? this : new LogContext(Collections.unmodifiableMap(merged), carried());
  }

  /**
   * A snapshot without one key; this one is unchanged.
   *
   * @param key the MDC key to leave out
   * @return the new snapshot ({@code this} when the key is absent)
   * @throws NullPointerException if {@code key} is null
   */
  public LogContext without(String key) {
    Objects.requireNonNull(key, "key");
    Map<String, String> entries = entries();
    if (!entries.containsKey(key)) {
      return this;
    }
    Object carried = carried();
    if (entries.size() == 1) {
      return carried == null ? EMPTY : new LogContext(Map.of(), carried);
    }
    HashMap<String, String> copy = new HashMap<>(entries);
    copy.remove(key);
    return new LogContext(Collections.unmodifiableMap(copy), carried);
  }

  /**
   * Makes this snapshot the whole MDC of the current thread until the returned scope is closed.
   *
   * <pre>{@code
   * try (Scope scope = context.attach()) {
   *   log.info("runs with the captured request_id");
   * }
   * }</pre>
   *
   * @return the scope whose {@link Scope#close()} restores exactly the previous MDC
   */
  public Scope attach() {
    ContextCarrier carrier = CARRIER;
    if (carrier == null) {
      return Attachment.open(entries());
    }
    return Attachment.open(entries(), carrier, carried());
  }

  /**
   * Whether {@code other} is the same snapshot for a handoff: the same entries and the same
   * extension context. What makes re-wrapping idempotent.
   */
  boolean sameSnapshot(LogContext other) {
    return this == other || (carried() == other.carried() && entries().equals(other.entries()));
  }

  /**
   * Adds or overrides one key in the current thread's MDC until the returned scope is closed.
   *
   * <pre>{@code
   * try (Scope scope = LogContext.bind("request_id", requestId)) {
   *   handle(request);
   * }
   * }</pre>
   *
   * @param key the MDC key
   * @param value its value
   * @return the scope whose {@link Scope#close()} restores exactly the previous MDC
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public static Scope bind(String key, String value) {
    return current().with(key, value).attach();
  }

  /**
   * Adds or overrides several keys in the current thread's MDC until the returned scope is closed.
   *
   * @param entries keys and values to add, none of them null
   * @return the scope whose {@link Scope#close()} restores exactly the previous MDC
   * @throws NullPointerException if {@code entries}, one of its keys or one of its values is null
   */
  public static Scope bind(Map<String, String> entries) {
    Objects.requireNonNull(entries, "entries");
    return current().with(entries).attach();
  }

  /**
   * Runs {@code task} now, on this thread, in this snapshot, then restores the MDC.
   *
   * @param task the work
   * @throws NullPointerException if {@code task} is null
   */
  public void run(Runnable task) {
    Objects.requireNonNull(task, "task");
    Scope scope = attach(); // in place: the task stays on this thread, its Vert.x context too
    try {
      task.run();
    } finally {
      scope.close();
    }
  }

  /**
   * Calls {@code task} now, on this thread, in this snapshot, then restores the MDC.
   *
   * @param task the work
   * @param <T> its result type
   * @return what {@code task} returned
   * @throws Exception what {@code task} threw
   * @throws NullPointerException if {@code task} is null
   */
  public <T> T call(Callable<T> task) throws Exception {
    Objects.requireNonNull(task, "task");
    Scope scope = attach(); // in place: the task stays on this thread, its Vert.x context too
    try {
      return task.call();
    } finally {
      scope.close();
    }
  }

  /**
   * A runnable that runs {@code task} in this snapshot, on whatever thread runs it, any number of
   * times. Wrapping a runnable that a snapshot with the same entries (and, with an extension, the
   * same extension context) already wrapped returns it unchanged.
   *
   * <pre>{@code
   * executor.execute(LogContext.current().wrap(() -> log.info("in the caller's context")));
   * }</pre>
   *
   * @param task the work
   * @return the contextual runnable
   * @throws NullPointerException if {@code task} is null
   */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    return ContextualWrappers.runnable(this, task);
  }

  /**
   * A callable that calls {@code task} in this snapshot, on whatever thread calls it.
   *
   * @param task the work
   * @param <T> its result type
   * @return the contextual callable
   * @throws NullPointerException if {@code task} is null
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return ContextualWrappers.callable(this, task);
  }

  /**
   * A supplier that runs {@code supplier} in this snapshot, on whatever thread calls it.
   *
   * <pre>{@code
   * CompletableFuture.supplyAsync(LogContext.current().wrapSupplier(() -> lookup(id)), pool);
   * }</pre>
   *
   * @param supplier the work
   * @param <T> its result type
   * @return the contextual supplier
   * @throws NullPointerException if {@code supplier} is null
   */
  public <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return ContextualWrappers.supplier(this, supplier);
  }

  /**
   * A function that applies {@code function} in this snapshot, on whatever thread calls it.
   *
   * @param function the work
   * @param <T> its argument type
   * @param <R> its result type
   * @return the contextual function
   * @throws NullPointerException if {@code function} is null
   */
  public <T, R> Function<T, R> wrapFunction(Function<T, R> function) {
    Objects.requireNonNull(function, "function");
    return ContextualWrappers.function(this, function);
  }

  /**
   * A consumer that accepts in this snapshot, on whatever thread calls it.
   *
   * @param consumer the work
   * @param <T> its argument type
   * @return the contextual consumer
   * @throws NullPointerException if {@code consumer} is null
   */
  public <T> Consumer<T> wrapConsumer(Consumer<T> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return ContextualWrappers.consumer(this, consumer);
  }

  /**
   * A bi-function that applies {@code function} in this snapshot, on whatever thread calls it.
   *
   * @param function the work
   * @param <T> its first argument type
   * @param <U> its second argument type
   * @param <R> its result type
   * @return the contextual bi-function
   * @throws NullPointerException if {@code function} is null
   */
  public <T, U, R> BiFunction<T, U, R> wrapBiFunction(BiFunction<T, U, R> function) {
    Objects.requireNonNull(function, "function");
    return ContextualWrappers.biFunction(this, function);
  }

  /**
   * A bi-consumer that accepts in this snapshot, on whatever thread calls it.
   *
   * @param consumer the work
   * @param <T> its first argument type
   * @param <U> its second argument type
   * @return the contextual bi-consumer
   * @throws NullPointerException if {@code consumer} is null
   */
  public <T, U> BiConsumer<T, U> wrapBiConsumer(BiConsumer<T, U> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return ContextualWrappers.biConsumer(this, consumer);
  }

  /** Same entries; the extension's context (see the class comment) takes no part. */
  @Override
  public boolean equals(@Nullable Object other) {
    return this == other
        || (other instanceof LogContext && entries().equals(((LogContext) other).entries()));
  }

  @Override
  public int hashCode() {
    return entries().hashCode();
  }

  /** The entries, for example {@code LogContext{request_id=req-1, user_id=u-7}}. */
  @Override
  public String toString() {
    return "LogContext" + entries();
  }
}
