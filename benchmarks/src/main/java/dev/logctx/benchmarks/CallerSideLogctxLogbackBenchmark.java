package dev.logctx.benchmarks;

import dev.logctx.LogContext;
import java.util.concurrent.TimeUnit;
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
 * {@link CallerSideBenchmark}'s (c), and the Micrometer snapshots (f2) and (i), in a JVM running logctx-logback's provider: capture and wrap.
 * The table shows it in the caller-side scenario, against the floor and contenders measured there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LogctxLogbackFixture.PROVIDER})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallerSideLogctxLogbackBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "5", "50"})
  public int size;

  final Probe probe = new Probe();

  @Setup(Level.Trial)
  public void requireProvider() {
    LogctxLogbackFixture.requireProvider("caller side, logctx-logback");
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    MdcFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    MdcFixture.leaveRequest(size, "caller side, logctx-logback");
  }

  /** (c2) logctx with logctx-logback: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public Runnable logctxLogback() {
    return LogContext.current().wrap(probe);
  }

  /** (f3) (f2), Micrometer's {@code Slf4jThreadLocalAccessor}, on logctx-logback's adapter. */
  @Benchmark
  public Runnable micrometerSlf4jLogback() {
    return MicrometerSnapshots.SLF4J.captureAll().wrap(probe);
  }

  /** (i2) (i), logctx-micrometer's accessor, on logctx-logback's adapter. */
  @Benchmark
  public Runnable micrometerLogctxLogback() {
    return MicrometerSnapshots.LOGCTX.captureAll().wrap(probe);
  }
}
