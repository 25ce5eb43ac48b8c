package dev.logctx.benchmarks;

import dev.logctx.LogContext;
import io.micrometer.context.ContextSnapshot;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WorkerSideBenchmark}'s (c), and the Micrometer snapshots (f2) and (i), in a JVM running logctx-logback's provider: a pooled thread
 * with an empty MDC attaches the captured map, runs the body, restores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxLogbackFixture.PROVIDER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkerSideLogctxLogbackBenchmark {

  /** Entries in the MDC of the request that wrapped the task. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  private Runnable logctxLogback = probe;
  private ContextSnapshot micrometerSlf4jLogback = MicrometerSnapshots.SLF4J.captureAll();
  private ContextSnapshot micrometerLogctxLogback = MicrometerSnapshots.LOGCTX.captureAll();

  @Setup(Level.Trial)
  public void requireProvider() {
    LogctxLogbackFixture.requireProvider("worker side, logctx-logback");
  }

  /** Wraps the task on a "request thread", then becomes a clean pooled thread. */
  @Setup(Level.Iteration)
  public void wrapOnRequestThenBecomeWorker() {
    MdcFixture.enterRequest(size);
    logctxLogback = LogContext.current().wrap(probe);
    micrometerSlf4jLogback = MicrometerSnapshots.SLF4J.captureAll();
    micrometerLogctxLogback = MicrometerSnapshots.LOGCTX.captureAll();
    MdcFixture.leaveRequest(size, "worker side, logctx-logback (wrapping)");
  }

  @TearDown(Level.Iteration)
  public void checkWorkerIsClean() {
    MdcFixture.requireCleanWorker("worker side, logctx-logback");
  }

  /** (c2) logctx with logctx-logback: a task from {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxLogback() {
    logctxLogback.run();
    return probe.take();
  }

  /** (f3) (f2), Micrometer's {@code Slf4jThreadLocalAccessor}, on logctx-logback's adapter. */
  @Benchmark
  public @Nullable String micrometerSlf4jLogback() {
    ContextSnapshot.Scope scope = micrometerSlf4jLogback.setThreadLocals();
    try {
      probe.run();
    } finally {
      scope.close();
    }
    return probe.take();
  }

  /** (i2) (i), logctx-micrometer's accessor, on logctx-logback's adapter. */
  @Benchmark
  public @Nullable String micrometerLogctxLogback() {
    ContextSnapshot.Scope scope = micrometerLogctxLogback.setThreadLocals();
    try {
      probe.run();
    } finally {
      scope.close();
    }
    return probe.take();
  }
}
