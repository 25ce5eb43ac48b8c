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
 * {@link HandoffBenchmark}'s (c) with logctx-opentelemetry: the request runs inside a span, and the
 * snapshot carries the MDC (the request's entries and the three trace keys) and the OpenTelemetry
 * {@code Context} together; submit to a single-thread executor and wait.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxOtelFixture.CARRIER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandoffLogctxOtelBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  /** The pooled thread; its MDC is empty between tasks. */
  private final ExecutorService worker = HandoffWorker.start();

  private io.opentelemetry.context.@Nullable Scope span;

  @Setup(Level.Trial)
  public void requireCarrier() {
    LogctxOtelFixture.requireCarrier("handoff, logctx-opentelemetry");
  }

  @TearDown(Level.Trial)
  public void stopWorker() throws InterruptedException {
    HandoffWorker.stop(worker);
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    span = LogctxOtelFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() throws InterruptedException, ExecutionException {
    LogctxOtelFixture.leaveSpan(span, "handoff, logctx-opentelemetry");
    HandoffWorker.leaveRequest(size, "handoff, logctx-opentelemetry", worker);
  }

  /** (c3) logctx with logctx-opentelemetry: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxOtel() throws InterruptedException, ExecutionException {
    worker.submit(LogContext.current().wrap(probe)).get();
    return probe.take();
  }
}
