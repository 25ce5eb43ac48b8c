package dev.logctx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The chart and the table read the contender measured in its own JVM (logctx-logback). */
class HandoffChartTest {

  private static String run(String benchmark, String size, double cpu) {
    return String.format(
        Locale.ROOT,
        "{\"benchmark\":\"dev.logctx.benchmarks.%s\",\"params\":{\"size\":\"%s\"},"
            + "\"primaryMetric\":{\"score\":%s,\"scoreError\":1.0,\"scoreUnit\":\"ns/op\",\"rawData\":[[%s]]},"
            + "\"secondaryMetrics\":{\"cpu.time.norm\":{\"score\":%s,\"scoreUnit\":\"ns/op\"}}}",
        benchmark, size, cpu, cpu, cpu);
  }

  private static final String JSON =
      "["
          + String.join(
              ",",
              run("CallerSideBenchmark.none", "5", 1),
              run("CallerSideBenchmark.handWritten", "5", 81),
              run("WorkerSideBenchmark.none", "5", 5),
              run("WorkerSideBenchmark.handWritten", "5", 95),
              run("CallerSideLogctxLogbackBenchmark.logctxLogback", "5", 11),
              run("WorkerSideLogctxLogbackBenchmark.logctxLogback", "5", 25),
              run("CallerSideBenchmark.none", "50", 1),
              run("CallerSideBenchmark.handWritten", "50", 801),
              run("WorkerSideBenchmark.none", "50", 5),
              run("WorkerSideBenchmark.handWritten", "50", 905),
              run("CallerSideLogctxLogbackBenchmark.logctxLogback", "50", 11),
              run("WorkerSideLogctxLogbackBenchmark.logctxLogback", "50", 26))
          + "]";

  @Test
  void the_logctx_logback_contender_joins_its_scenario_in_the_split() {
    // (11 - 1) + (25 - 5) = 30 against (81 - 1) + (95 - 5) = 170
    assertThat(ResultTable.render(JSON, "x.json"))
        .contains("| 5 | (c2) logctx with `logctx-logback` (`-Dslf4j.provider`) | 10.0 | 20.0 | 30.0 | 0.18 | — |")
        .doesNotContain("LogctxLogbackBenchmark");
  }

  @Test
  void draws_one_line_per_measured_contender_with_a_point_per_size() {
    String svg = HandoffChart.render(JSON, "x.json");

    assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
    assertThat(svg).contains("(b) hand-written MDC copy, 5 entries: 170 ns");
    assertThat(svg).contains("(b) hand-written MDC copy, 50 entries: 1700 ns");
    assertThat(svg).contains("logctx-logback` (`-Dslf4j.provider`), 50 entries: 31 ns");
    assertThat(svg.split("<polyline", -1)).as("lines: (b) and (c2), the others were not measured").hasSize(3);
    assertThat(svg).contains(">0</text>").contains(">2000</text>");
  }

  @Test
  void needs_both_halves_of_the_handoff() {
    assertThatThrownBy(() -> HandoffChart.render("[" + run("HandoffBenchmark.none", "5", 1) + "]", "x.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_axis_ends_on_a_round_number() {
    assertThat(HandoffChart.niceCeiling(1700)).isEqualTo(2000);
    assertThat(HandoffChart.niceCeiling(31)).isEqualTo(50);
    assertThat(HandoffChart.niceCeiling(100)).isEqualTo(100);
    assertThat(HandoffChart.niceCeiling(0)).isEqualTo(1);
  }
}
