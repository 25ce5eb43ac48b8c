package dev.logctx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the JMH module working in {@code ./mvnw verify}: two benchmarks (one on the calling
 * thread, one with a handoff) run through the JMH runner in this JVM for 100 ms each, with the GC
 * profiler, and their JSON becomes a markdown table. Not a measurement.
 */
class JmhSmokeTest {

  @Test
  void benchmarks_run_through_jmh_and_their_json_becomes_the_table(@TempDir Path dir)
      throws RunnerException, java.io.IOException {
    Path json = dir.resolve("smoke.json");
    Options options =
        new OptionsBuilder()
            .include("^" + SameThreadBenchmark.class.getName() + "\\.logctxWrap$")
            .include("^" + HandoffBenchmark.class.getName() + "\\.handWritten$")
            .param("size", "5")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuTimeProfiler.class)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).hasSize(2);
    for (RunResult result : results) {
      assertThat(result.getPrimaryResult().getScore()).isPositive();
      assertThat(result.getPrimaryResult().getScoreUnit()).isEqualTo("ns/op");
      assertThat(result.getSecondaryResults()).containsKey("gc.alloc.rate.norm");
      assertThat(result.getSecondaryResults().get(CpuTimeProfiler.METRIC).getScore()).isPositive();
    }
    String table = ResultTable.render(Files.readString(json, StandardCharsets.UTF_8), "smoke.json");
    String row = table.lines().filter(line -> line.startsWith("| 5 | (c) logctx")).findFirst().orElseThrow();
    // | size | contender | ns/op | ± | × (b) | best | CPU ns/op | CPU × (b) | B/op | B × (b) |
    String[] cells = row.split("\\|");
    assertThat(Double.parseDouble(cells[3].trim())).as("ns/op in %s", row).isPositive();
    assertThat(Double.parseDouble(cells[7].trim())).as("CPU ns/op in %s", row).isPositive();
    assertThat(Double.parseDouble(cells[9].trim())).as("B/op in %s", row).isNotNegative();
    assertThat(table).contains("| 5 | (b) hand-written MDC copy | ");
  }
}
