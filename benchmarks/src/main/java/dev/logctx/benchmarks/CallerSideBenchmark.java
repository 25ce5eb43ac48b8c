package dev.logctx.benchmarks;

import com.alibaba.ttl.TtlRunnable;
import dev.logctx.ContextualExecutors;
import dev.logctx.LogContext;
import java.util.concurrent.Executor;
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
 * The caller's half of a handoff: on the request thread, capture the MDC and wrap the task, ready
 * to hand over. The wrapped task is returned to JMH (it escapes, as a task handed to a queue does)
 * and never run here; {@link WorkerSideBenchmark} runs such tasks.
 *
 * <p>The request thread's MDC does not change between operations: a request that submits work
 * after it last wrote its MDC (and usually after it logged once).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallerSideBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "1", "5", "20"})
  public int size;

  final Probe probe = new Probe();
  final Probe otelProbe = new OtelMdc.ContextProbe();

  private final HoldingExecutor holding = new HoldingExecutor();
  private final Executor contextualHolding = ContextualExecutors.wrap(holding);

  public CallerSideBenchmark() {
    MdcTransmittee.register();
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    MdcFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    MdcFixture.leaveRequest(size, "caller side");
  }

  /** (a) Floor: hand the task over as it is. */
  @Benchmark
  public Runnable none() {
    return probe;
  }

  /** (b) Hand-written copy. */
  @Benchmark
  public Runnable handWritten() {
    return MdcCopyingRunnable.wrap(probe);
  }

  /** (c) logctx: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public Runnable logctxWrap() {
    return LogContext.current().wrap(probe);
  }

  /** (d) logctx: what an executor decorated with {@code ContextualExecutors.wrap} hands over. */
  @Benchmark
  public Runnable logctxExecutor() {
    contextualHolding.execute(probe);
    return holding.take();
  }

  /** (e) SmallRye Context Propagation: {@code ThreadContext.contextualRunnable}, logctx provider. */
  @Benchmark
  public Runnable smallRye() {
    return SmallRyeContext.THREAD_CONTEXT.contextualRunnable(probe);
  }

  /** (f) Micrometer context-propagation with an MDC accessor. */
  @Benchmark
  public Runnable micrometer() {
    return MdcThreadLocalAccessor.SNAPSHOTS.captureAll().wrap(probe);
  }

  /**
   * (f2) Micrometer's {@code ContextSnapshot} with its {@code Slf4jThreadLocalAccessor}: capture;
   * the wrapper opens {@code setThreadLocals()} around the task where it runs.
   */
  @Benchmark
  public Runnable micrometerSlf4j() {
    return MicrometerSnapshots.SLF4J.captureAll().wrap(probe);
  }

  /** (i) Micrometer's {@code ContextSnapshot} with logctx-micrometer's accessor, as (f2). */
  @Benchmark
  public Runnable micrometerLogctx() {
    return MicrometerSnapshots.LOGCTX.captureAll().wrap(probe);
  }

  /** (g) TransmittableThreadLocal with an MDC transmittee. */
  @Benchmark
  public Runnable ttl() {
    return TtlRunnable.get(probe);
  }

  /** (h) OpenTelemetry Context, the ThreadLocal-scope reference. */
  @Benchmark
  public Runnable otel() {
    return OtelMdc.wrap(otelProbe);
  }
}
