package dev.logctx.benchmarks;

import dev.logctx.LogContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
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
 * {@link HandoffBenchmark}'s (c), and the Micrometer snapshots (f2) and (i), in a JVM running logctx-logback's provider: submit to a
 * single-thread executor and wait.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxLogbackFixture.PROVIDER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandoffLogctxLogbackBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  /** The pooled thread; its MDC is empty between tasks. */
  private final ExecutorService worker = HandoffWorker.start();

  @Setup(Level.Trial)
  public void requireProvider() {
    LogctxLogbackFixture.requireProvider("handoff, logctx-logback");
  }

  @TearDown(Level.Trial)
  public void stopWorker() throws InterruptedException {
    HandoffWorker.stop(worker);
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    MdcFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() throws InterruptedException, ExecutionException {
    HandoffWorker.leaveRequest(size, "handoff, logctx-logback", worker);
  }

  /** (c2) logctx with logctx-logback: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxLogback() throws InterruptedException, ExecutionException {
    worker.submit(LogContext.current().wrap(probe)).get();
    return probe.take();
  }

  /** (f3) (f2), Micrometer's {@code Slf4jThreadLocalAccessor}, on logctx-logback's adapter. */
  @Benchmark
  public @Nullable String micrometerSlf4jLogback() throws InterruptedException, ExecutionException {
    worker.submit(MicrometerSnapshots.SLF4J.captureAll().wrap(probe)).get();
    return probe.take();
  }

  /** (i2) (i), logctx-micrometer's accessor, on logctx-logback's adapter. */
  @Benchmark
  public @Nullable String micrometerLogctxLogback() throws InterruptedException, ExecutionException {
    worker.submit(MicrometerSnapshots.LOGCTX.captureAll().wrap(probe)).get();
    return probe.take();
  }
}
