package dev.logctx.benchmarks;

import dev.logctx.LogContext;
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
 * {@link WorkerSideBenchmark}'s (c) with logctx-opentelemetry: a pooled thread with an empty MDC
 * and the root OpenTelemetry context attaches the snapshot taken inside a span (the MDC, then the
 * {@code Context}, whose storage wrapper writes the trace keys), runs the body, restores both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxOtelFixture.CARRIER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkerSideLogctxOtelBenchmark {

  /** Entries in the MDC of the request that wrapped the task. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  private Runnable logctxOtel = probe;

  @Setup(Level.Trial)
  public void requireCarrier() {
    LogctxOtelFixture.requireCarrier("worker side, logctx-opentelemetry");
  }

  /** Wraps the task on a "request thread" inside a span, then becomes a clean pooled thread. */
  @Setup(Level.Iteration)
  public void wrapOnRequestThenBecomeWorker() {
    io.opentelemetry.context.Scope span = LogctxOtelFixture.enterRequest(size);
    logctxOtel = LogContext.current().wrap(probe);
    LogctxOtelFixture.leaveSpan(span, "worker side, logctx-opentelemetry (wrapping)");
    MdcFixture.leaveRequest(size, "worker side, logctx-opentelemetry (wrapping)");
  }

  @TearDown(Level.Iteration)
  public void checkWorkerIsClean() {
    MdcFixture.requireCleanWorker("worker side, logctx-opentelemetry");
  }

  /** (c3) logctx with logctx-opentelemetry: a task from {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxOtel() {
    logctxOtel.run();
    return probe.take();
  }
}
