package dev.logctx.benchmarks;

import com.alibaba.ttl.TtlRunnable;
import dev.logctx.ContextualExecutors;
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
 * Handoff: the request thread submits the work to a single-thread executor and waits for it. The
 * pooled worker starts every task with an empty MDC, as in production (checked after each
 * iteration). Most of the time is the handoff itself (queue, wake-up, wait): read the differences
 * to the floor (a), and see {@link CallerSideBenchmark} and {@link WorkerSideBenchmark} for the two
 * halves of the propagation cost without that noise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandoffBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "1", "5", "20"})
  public int size;

  final Probe probe = new Probe();
  final Probe otelProbe = new OtelMdc.ContextProbe();

  /** The pooled thread; its MDC is empty between tasks. */
  private final ExecutorService worker = HandoffWorker.start();

  private final ExecutorService contextualWorker = ContextualExecutors.wrap(worker);

  public HandoffBenchmark() {
    MdcTransmittee.register();
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
    HandoffWorker.leaveRequest(size, "handoff", worker);
  }

  /** (a) Floor: the handoff alone; the worker sees no MDC. */
  @Benchmark
  public @Nullable String none() throws InterruptedException, ExecutionException {
    worker.submit(probe).get();
    return probe.take();
  }

  /** (b) Hand-written copy. */
  @Benchmark
  public @Nullable String handWritten() throws InterruptedException, ExecutionException {
    worker.submit(MdcCopyingRunnable.wrap(probe)).get();
    return probe.take();
  }

  /** (c) logctx: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxWrap() throws InterruptedException, ExecutionException {
    worker.submit(LogContext.current().wrap(probe)).get();
    return probe.take();
  }

  /** (d) logctx: submit to an executor decorated with {@code ContextualExecutors.wrap}. */
  @Benchmark
  public @Nullable String logctxExecutor() throws InterruptedException, ExecutionException {
    contextualWorker.submit(probe).get();
    return probe.take();
  }

  /** (e) SmallRye Context Propagation: {@code ThreadContext.contextualRunnable}, logctx provider. */
  @Benchmark
  public @Nullable String smallRye() throws InterruptedException, ExecutionException {
    worker.submit(SmallRyeContext.THREAD_CONTEXT.contextualRunnable(probe)).get();
    return probe.take();
  }

  /** (f) Micrometer context-propagation with an MDC accessor. */
  @Benchmark
  public @Nullable String micrometer() throws InterruptedException, ExecutionException {
    worker.submit(MdcThreadLocalAccessor.SNAPSHOTS.captureAll().wrap(probe)).get();
    return probe.take();
  }

  /** (f2) Micrometer's {@code ContextSnapshot} with its {@code Slf4jThreadLocalAccessor}. */
  @Benchmark
  public @Nullable String micrometerSlf4j() throws InterruptedException, ExecutionException {
    worker.submit(MicrometerSnapshots.SLF4J.captureAll().wrap(probe)).get();
    return probe.take();
  }

  /** (i) Micrometer's {@code ContextSnapshot} with logctx-micrometer's accessor. */
  @Benchmark
  public @Nullable String micrometerLogctx() throws InterruptedException, ExecutionException {
    worker.submit(MicrometerSnapshots.LOGCTX.captureAll().wrap(probe)).get();
    return probe.take();
  }

  /** (g) TransmittableThreadLocal with an MDC transmittee. */
  @Benchmark
  public @Nullable String ttl() throws InterruptedException, ExecutionException {
    worker.submit(TtlRunnable.get(probe)).get();
    return probe.take();
  }

  /** (h) OpenTelemetry Context, the ThreadLocal-scope reference. */
  @Benchmark
  public @Nullable String otel() throws InterruptedException, ExecutionException {
    worker.submit(OtelMdc.wrap(otelProbe)).get();
    return otelProbe.take();
  }
}
