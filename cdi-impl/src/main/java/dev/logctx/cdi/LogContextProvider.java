package dev.logctx.cdi;

import dev.logctx.LogContext;
import java.util.Map;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * The SLF4J MDC as a MicroProfile Context Propagation thread context, so that {@code
 * ManagedExecutor} and {@code ThreadContext} carry the logging context (request id, user id...)
 * into the tasks and the dependent stages they run.
 *
 * <p>Registered in {@code META-INF/services}: with this jar on the class path, every {@code
 * ManagedExecutor} and {@code ThreadContext} that propagates {@code ALL_REMAINING} (the default)
 * carries the MDC. Its type is {@value #CONTEXT_TYPE}; the system property {@value
 * #CONTEXT_TYPE_PROPERTY} sets another name, read when the provider is created. To run tasks with
 * an empty MDC instead:
 *
 * <pre>{@code
 * ManagedExecutor executor = ManagedExecutor.builder().cleared("LogContext").build();
 * }</pre>
 *
 * <p>It follows the core's semantics: capture takes an immutable snapshot of the caller's MDC
 * (an empty MDC is the shared cleared snapshot); {@code begin()} makes the snapshot the whole MDC of
 * the running thread, writing nothing when the thread already holds exactly that map; {@code
 * endContext()} restores exactly the previous MDC, once, also when the task changed it. Nothing in
 * capture, begin or end throws into the framework, except the {@code IllegalStateException} the
 * specification requires from a second {@code endContext()}. The provider makes no CDI lookups,
 * so it can be created at build time (Quarkus does).
 */
public final class LogContextProvider implements ThreadContextProvider {

  /** The default thread context type name: {@value}. */
  public static final String CONTEXT_TYPE = ContextType.DEFAULT;

  /** The system property that overrides {@link #CONTEXT_TYPE}: {@value}. */
  public static final String CONTEXT_TYPE_PROPERTY = ContextType.PROPERTY;

  private final String type;
  private final Snapshots<ThreadContextSnapshot> snapshots;

  /** Creates the provider, as {@link java.util.ServiceLoader} does. */
  public LogContextProvider() {
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
   * The type name to use in {@code propagated}, {@code cleared} and {@code unchanged}.
   *
   * @return {@value #CONTEXT_TYPE}, or the value of the system property {@value
   *     #CONTEXT_TYPE_PROPERTY} when it was set as this provider was created
   */
  @Override
  public String getThreadContextType() {
    return type;
  }

  /** The provider and its type name, for example {@code LogContextProvider{type=LogContext}}. */
  @Override
  public String toString() {
    return "LogContextProvider{type=" + type + "}";
  }

  private static final class Snapshot extends CapturedLogContext implements ThreadContextSnapshot {
    Snapshot(LogContext context, @Nullable Object handOverPoint) {
      super(context, handOverPoint);
    }

    @Override
    public ThreadContextController begin() {
      return new Controller(this);
    }
  }

  private static final class Controller extends ContextSwitch implements ThreadContextController {
    Controller(Snapshot snapshot) {
      super(snapshot);
    }

    @Override
    public void endContext() {
      end();
    }
  }
}
