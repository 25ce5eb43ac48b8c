package dev.logctx.benchmarks;

import com.alibaba.ttl.TtlRunnable;
import dev.logctx.LogContext;
import io.micrometer.context.ContextSnapshot;
import java.util.Objects;
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
 * The worker's half of a handoff: the benchmark thread plays a pooled thread whose MDC is empty
 * and runs a task that was wrapped on a request thread with the MDC of {@code size} entries:
 * attach, run the body, restore the empty MDC. Each contender's wrapped task is made once per
 * iteration and run again and again (all of them may run more than once).
 *
 * <p>(d) is left out: {@code ContextualExecutors} hands the worker the very task (c) makes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkerSideBenchmark {

  /** Entries in the MDC of the request that wrapped the tasks. */
  @Param({"0", "1", "5", "20"})
  public int size;

  final Probe probe = new Probe();
  final Probe otelProbe = new OtelMdc.ContextProbe();

  private Runnable handWritten = probe;
  private Runnable logctxWrap = probe;
  private Runnable smallRye = probe;
  private Runnable micrometer = probe;
  private ContextSnapshot micrometerSlf4j = MicrometerSnapshots.SLF4J.captureAll();
  private ContextSnapshot micrometerLogctx = MicrometerSnapshots.LOGCTX.captureAll();
  private Runnable ttl = probe;
  private Runnable otel = otelProbe;

  public WorkerSideBenchmark() {
    MdcTransmittee.register();
  }

  /** Wraps every contender's task on a "request thread", then becomes a clean pooled thread. */
  @Setup(Level.Iteration)
  public void wrapOnRequestThenBecomeWorker() {
    MdcFixture.enterRequest(size);
    handWritten = MdcCopyingRunnable.wrap(probe);
    logctxWrap = LogContext.current().wrap(probe);
    smallRye = SmallRyeContext.THREAD_CONTEXT.contextualRunnable(probe);
    micrometer = MdcThreadLocalAccessor.SNAPSHOTS.captureAll().wrap(probe);
    micrometerSlf4j = MicrometerSnapshots.SLF4J.captureAll();
    micrometerLogctx = MicrometerSnapshots.LOGCTX.captureAll();
    ttl = Objects.requireNonNull(TtlRunnable.get(probe), "ttl");
    otel = OtelMdc.wrap(otelProbe);
    MdcFixture.leaveRequest(size, "worker side (wrapping)");
  }

  @TearDown(Level.Iteration)
  public void checkWorkerIsClean() {
    MdcFixture.requireCleanWorker("worker side");
  }

  /** (a) Floor: the body alone, on a thread with no MDC. */
  @Benchmark
  public @Nullable String none() {
    probe.run();
    return probe.take();
  }

  /** (b) Hand-written copy. */
  @Benchmark
  public @Nullable String handWritten() {
    handWritten.run();
    return probe.take();
  }

  /** (c) logctx: a task from {@code LogContext.current().wrap(task)} (also what (d) hands over). */
  @Benchmark
  public @Nullable String logctxWrap() {
    logctxWrap.run();
    return probe.take();
  }

  /** (e) SmallRye Context Propagation: {@code ThreadContext.contextualRunnable}, logctx provider. */
  @Benchmark
  public @Nullable String smallRye() {
    smallRye.run();
    return probe.take();
  }

  /** (f) Micrometer context-propagation with an MDC accessor. */
  @Benchmark
  public @Nullable String micrometer() {
    micrometer.run();
    return probe.take();
  }

  /**
   * (f2) Micrometer's {@code ContextSnapshot} with its {@code Slf4jThreadLocalAccessor}: the
   * snapshot captured on the request thread, {@code setThreadLocals()} opened and closed here.
   */
  @Benchmark
  public @Nullable String micrometerSlf4j() {
    ContextSnapshot.Scope scope = micrometerSlf4j.setThreadLocals();
    try {
      probe.run();
    } finally {
      scope.close();
    }
    return probe.take();
  }

  /** (i) Micrometer's {@code ContextSnapshot} with logctx-micrometer's accessor, as (f2). */
  @Benchmark
  public @Nullable String micrometerLogctx() {
    ContextSnapshot.Scope scope = micrometerLogctx.setThreadLocals();
    try {
      probe.run();
    } finally {
      scope.close();
    }
    return probe.take();
  }

  /** (g) TransmittableThreadLocal with an MDC transmittee. */
  @Benchmark
  public @Nullable String ttl() {
    ttl.run();
    return probe.take();
  }

  /** (h) OpenTelemetry Context, the ThreadLocal-scope reference. */
  @Benchmark
  public @Nullable String otel() {
    otel.run();
    return otelProbe.take();
  }
}
