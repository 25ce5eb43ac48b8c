package dev.logctx.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, summed over the JVM's Java threads (the benchmark thread and, in a
 * handoff, the pooled worker): {@code cpu.time.norm} in ns/op, next to JMH's wall-clock score.
 * Time spent waiting for a CPU that another process holds is not CPU time, so on a machine shared
 * with other builds this number stays close to what a quiet machine measures while the wall-clock
 * score swings. It does count what blocking costs in CPU (park, wake-up), not the waiting itself.
 *
 * <p>Use it as {@code -prof dev.logctx.benchmarks.CpuTimeProfiler}; {@code run.sh} does.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** The secondary metric's name in JMH's results. */
  public static final String METRIC = "cpu.time.norm";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();

  /** Called by JMH. */
  public CpuTimeProfiler() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "CPU time of all Java threads per operation (ns/op), blind to time spent waiting for a CPU";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = cpuTimes();
  }

  @Override
  public List<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    Map<Long, Long> after = cpuTimes();
    long used = 0;
    for (Map.Entry<Long, Long> thread : after.entrySet()) {
      // A thread started during the iteration counts from zero; one that ended is lost (none of
      // the benchmarks ends a thread while it measures).
      used += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
    }
    long operations = result.getMetadata().getAllOps();
    double perOperation = operations == 0 ? Double.NaN : (double) used / operations;
    return List.of(new ScalarResult(METRIC, perOperation, "ns/op", AggregationPolicy.AVG));
  }

  private Map<Long, Long> cpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return times;
    }
    for (long id : threads.getAllThreadIds()) {
      long time = threads.getThreadCpuTime(id);
      if (time >= 0) {
        times.put(id, time);
      }
    }
    return times;
  }
}
