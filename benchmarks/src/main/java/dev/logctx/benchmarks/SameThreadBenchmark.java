package dev.logctx.benchmarks;

import com.alibaba.ttl.TtlRunnable;
import dev.logctx.ContextualExecutors;
import dev.logctx.LogContext;
import dev.logctx.cdi.LogContextProvider;
import io.micrometer.context.ContextSnapshot;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.spi.ThreadContextController;
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
 * Same thread, pure overhead: the request thread captures its MDC and wraps the work, then runs
 * the wrapped work itself (caller-runs, a direct executor), which attaches the snapshot, runs an
 * empty body that reads one key, and restores. The thread's MDC before and after is the request's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SameThreadBenchmark {

  /** Entries in the request's MDC. */
  @Param({"0", "1", "5", "20"})
  public int size;

  final Probe probe = new Probe();
  final Probe otelProbe = new OtelMdc.ContextProbe();

  private final Executor contextualCallerRuns = ContextualExecutors.wrap(new DirectExecutor());

  public SameThreadBenchmark() {
    MdcTransmittee.register();
  }

  @Setup(Level.Iteration)
  public void enterRequest() {
    MdcFixture.enterRequest(size);
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    MdcFixture.leaveRequest(size, "same thread");
  }

  /** (a) Floor: the body alone. */
  @Benchmark
  public @Nullable String none() {
    probe.run();
    return probe.take();
  }

  /** (b) Hand-written copy. */
  @Benchmark
  public @Nullable String handWritten() {
    MdcCopyingRunnable.wrap(probe).run();
    return probe.take();
  }

  /** (c) logctx: {@code LogContext.current().wrap(task)}. */
  @Benchmark
  public @Nullable String logctxWrap() {
    LogContext.current().wrap(probe).run();
    return probe.take();
  }

  /** (d) logctx: an executor decorated with {@code ContextualExecutors.wrap}, caller-runs. */
  @Benchmark
  public @Nullable String logctxExecutor() {
    contextualCallerRuns.execute(probe);
    return probe.take();
  }

  /** (e) SmallRye Context Propagation: {@code ThreadContext.contextualRunnable}, logctx provider. */
  @Benchmark
  public @Nullable String smallRye() {
    SmallRyeContext.THREAD_CONTEXT.contextualRunnable(probe).run();
    return probe.take();
  }

  /**
   * (e0) SmallRye's own cost: {@code contextualRunnable} with no context type propagated (the MDC
   * stays what it is on this thread). (e) minus (e0) is what logctx's provider adds.
   */
  @Benchmark
  public @Nullable String smallRyeAlone() {
    SmallRyeContext.NOTHING_PROPAGATED.contextualRunnable(probe).run();
    return probe.take();
  }

  /**
   * (e1) logctx's MicroProfile provider called directly, no framework around it: capture on the
   * caller, begin, run, end. (e) minus (e1) is what SmallRye adds per provider.
   */
  @Benchmark
  public @Nullable String logctxProvider() {
    ThreadContextController controller = PROVIDER.currentContext(Map.of()).begin();
    try {
      probe.run();
    } finally {
      controller.endContext();
    }
    return probe.take();
  }

  private static final LogContextProvider PROVIDER = new LogContextProvider();

  /** (f) Micrometer context-propagation with an MDC accessor. */
  @Benchmark
  public @Nullable String micrometer() {
    MdcThreadLocalAccessor.SNAPSHOTS.captureAll().wrap(probe).run();
    return probe.take();
  }

  /**
   * (f2) Micrometer's {@code ContextSnapshot} with its {@code Slf4jThreadLocalAccessor}: capture,
   * then {@code setThreadLocals()} opened and closed around the body.
   */
  @Benchmark
  public @Nullable String micrometerSlf4j() {
    ContextSnapshot.Scope scope = MicrometerSnapshots.SLF4J.captureAll().setThreadLocals();
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
    ContextSnapshot.Scope scope = MicrometerSnapshots.LOGCTX.captureAll().setThreadLocals();
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
    TtlRunnable.get(probe).run();
    return probe.take();
  }

  /** (h) OpenTelemetry Context, the ThreadLocal-scope reference. */
  @Benchmark
  public @Nullable String otel() {
    OtelMdc.wrap(otelProbe).run();
    return otelProbe.take();
  }

  /** Runs the task on the calling thread. */
  static final class DirectExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }
}
