package dev.logctx.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * What logctx does when the MDC adapter (or a framework hook around it) throws while logctx
 * captures, attaches or restores, or binds the request id (not API). Nothing there throws into the
 * framework or the code that hands work over (rule 7): the work runs anyway, and each kind of
 * failure is logged once, at
 * WARN, by the logger {@code dev.logctx.internal.MdcFailures}, so that it is not silent; later
 * failures of the same kind are not logged (a broken adapter fails on every call).
 *
 * <p>A {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link StackOverflowError}, {@link
 * InternalError}) is the one exception: it is thrown on as it is, never swallowed, since the JVM
 * may be unable to go on, and the application's own handling (or {@code
 * -XX:+ExitOnOutOfMemoryError}) must see it. Every other {@link Error}, {@link LinkageError}
 * included, is handled as a failure of the adapter.
 */
public final class MdcFailures {

  /** The step of the one mechanism that failed. */
  public enum Step {
    /** Reading the MDC where work is handed over: the work gets the empty context. */
    CAPTURE(
        "logctx: the MDC adapter failed to read the MDC where work was handed over; the work"
            + " runs with an empty context instead of a guess."),
    /** Saving the thread's MDC and writing the work's context where the work runs. */
    ATTACH(
        "logctx: the MDC adapter failed to set the MDC of a task; the task runs anyway, on a"
            + " thread cleared where the adapter allowed it."),
    /** Putting the thread's previous MDC back after the work. */
    RESTORE(
        "logctx: the MDC adapter failed to restore a thread's MDC after a task; the thread was"
            + " cleared where the adapter allowed it."),
    /** Reading, putting or removing the request id at an edge ({@link RequestIdWriter}). */
    REQUEST_ID(
        "logctx: the MDC adapter failed to read, put or remove the request id; the request goes"
            + " on, without the id where it could not be put, and the id is removed where it"
            + " could not be checked.");

    private final String message;
    private final AtomicBoolean reported = new AtomicBoolean();

    Step(String message) {
      this.message = message;
    }
  }

  private MdcFailures() {}

  /**
   * Handles a failure of {@code step}: logs it at WARN the first time this step fails.
   *
   * @param step what failed
   * @param failure what was thrown
   * @throws VirtualMachineError when {@code failure} is one: it is never swallowed
   */
  public static void failed(Step step, Throwable failure) {
    rethrowIfFatal(failure);
    if (step.reported.get() || !step.reported.compareAndSet(false, true)) {
      return;
    }
    try {
      LoggerFactory.getLogger(MdcFailures.class)
          .warn(step.message + " Logged once; later failures of this kind are not.", failure);
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e); // a backend that cannot log this must not fail the work either
    }
  }

  /**
   * Throws {@code failure} on when it is a {@link VirtualMachineError}; does nothing otherwise.
   *
   * @param failure what was caught
   * @throws VirtualMachineError when {@code failure} is one
   */
  public static void rethrowIfFatal(Throwable failure) {
    if (failure instanceof VirtualMachineError) {
      throw (VirtualMachineError) failure;
    }
  }
}
