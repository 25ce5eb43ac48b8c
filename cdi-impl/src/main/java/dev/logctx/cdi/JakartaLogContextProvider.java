package dev.logctx.cdi;

import dev.logctx.LogContext;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SLF4J MDC as a Jakarta Concurrency 3 thread context, so that {@code ManagedExecutorService},
 * {@code ContextService} and Jakarta {@code @Asynchronous} carry the logging context.
 *
 * <p>Registered in {@code META-INF/services}; its type is {@value #CONTEXT_TYPE} (the system
 * property {@value #CONTEXT_TYPE_PROPERTY} sets another name), which a {@code
 * ContextServiceDefinition} names in {@code propagated}, {@code cleared} or {@code unchanged}:
 *
 * <pre>{@code
 * @ContextServiceDefinition(
 *     name = "java:app/concurrent/WithLogContext",
 *     propagated = "LogContext",
 *     cleared = ContextServiceDefinition.TRANSACTION,
 *     unchanged = ContextServiceDefinition.ALL_REMAINING)
 * }</pre>
 *
 * <p>Same semantics and same code as {@link LogContextProvider}, the MicroProfile Context
 * Propagation provider: an immutable snapshot captured on the caller, attached on the running
 * thread by {@code begin()}, and the previous MDC restored exactly once by {@code endContext()}.
 */
public final class JakartaLogContextProvider implements ThreadContextProvider {

  /** The default thread context type name: {@value}. */
  public static final String CONTEXT_TYPE = ContextType.DEFAULT;

  /** The system property that overrides {@link #CONTEXT_TYPE}: {@value}. */
  public static final String CONTEXT_TYPE_PROPERTY = ContextType.PROPERTY;

  private final String type;
  private final Snapshots<ThreadContextSnapshot> snapshots;

  /** Creates the provider, as {@link java.util.ServiceLoader} does. */
  public JakartaLogContextProvider() {
    this.type = ContextType.configured();
    this.snapshots = new Snapshots<>(Snapshot::new);
  }

  /**
   * Captures the calling thread's MDC.
   *
   * @param props execution properties; ignored
   * @return an immutable snapshot that can be begun on any number of threads, at once too
   */
  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    return snapshots.current();
  }

  /**
   * The empty MDC: a task begun with it runs with no MDC entries, whatever the thread had.
   *
   * @param props execution properties; ignored
   * @return the shared cleared snapshot
   */
  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return snapshots.cleared();
  }

  /**
   * The type name to use in a {@code ContextServiceDefinition}.
   *
   * @return {@value #CONTEXT_TYPE}, or the value of the system property {@value
   *     #CONTEXT_TYPE_PROPERTY} when it was set as this provider was created
   */
  @Override
  public String getThreadContextType() {
    return type;
  }

  /** The provider and its type name, for example {@code JakartaLogContextProvider{type=LogContext}}. */
  @Override
  public String toString() {
    return "JakartaLogContextProvider{type=" + type + "}";
  }

  private static final class Snapshot extends CapturedLogContext implements ThreadContextSnapshot {
    Snapshot(LogContext context, @Nullable Object handOverPoint) {
      super(context, handOverPoint);
    }

    @Override
    public ThreadContextRestorer begin() {
      return new Restorer(this);
    }
  }

  private static final class Restorer extends ContextSwitch implements ThreadContextRestorer {
    Restorer(Snapshot snapshot) {
      super(snapshot);
    }

    @Override
    public void endContext() {
      end();
    }
  }
}
