package dev.logctx.jaxrs;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * One reused pooled thread (a single-thread executor) that a test drives step by step, as a server
 * reuses its request threads: each step runs on the same thread and is waited for, and the thread's
 * MDC can be read between steps.
 */
final class PooledThread implements Executor, AutoCloseable {
  private static final long WAIT_SECONDS = 10;

  private final ExecutorService executor;

  private PooledThread(String name) {
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  static PooledThread named(String name) {
    return new PooledThread(name);
  }

  /** Runs {@code work} on this thread and waits for it; its exception is thrown here. */
  <T> T call(Callable<T> work) {
    try {
      return executor.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the pooled thread did not finish in time", e);
    }
  }

  /** Runs {@code work} on this thread and waits for it. */
  void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  /** This thread's MDC now: a copy, empty when there is none. */
  Map<String, String> mdc() {
    return call(PooledThread::mdcHere);
  }

  /** Makes {@code entries} the whole MDC of this thread (set-up of what earlier work left). */
  void setMdc(Map<String, String> entries) {
    run(() -> MDC.setContextMap(entries));
  }

  /** The calling thread's MDC: a copy, empty when there is none. */
  static Map<String, String> mdcHere() {
    Map<String, String> now = MDC.getCopyOfContextMap();
    return now == null ? Map.of() : Map.copyOf(now);
  }

  @Override
  public void execute(Runnable command) {
    executor.execute(command);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
