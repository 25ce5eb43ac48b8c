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
 * {@link CallerSideBenchmark}'s (c) with logctx-opentelemetry, inside a span: capture the MDC and
 * the OpenTelemetry {@code Context}, and wrap. The table shows it in the caller-side scenario.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxOtelFixture.CARRIER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallerSideLogctxOtelBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  private io.opentelemetry.context.@Nullable Scope span;

  @Setup(Level.Trial)
  public void requireCarrier() {
    LogctxOtelFixture.requireCarrier("caller side, logctx-opentelemetry");
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    span = LogctxOtelFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    LogctxOtelFixture.leaveSpan(span, "caller side, logctx-opentelemetry");
    MdcFixture.leaveRequest(size, "caller side, logctx-opentelemetry");
  }

  /** (c3) logctx with logctx-opentelemetry: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public Runnable logctxOtel() {
    return LogContext.current().wrap(probe);
  }
}
