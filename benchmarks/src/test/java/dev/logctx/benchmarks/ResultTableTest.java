package dev.logctx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  /** A run as JMH writes it; CPU time is 0.8 × the score, the best iteration 0.9 ×. */
  private static String run(String benchmark, String size, double score, double error, double bytes) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.logctx.benchmarks.%s\",\"mode\":\"avgt\","
            + "\"threads\":1,\"forks\":1,\"jvm\":\"/usr/bin/java\",\"jvmArgs\":[\"-Xmx1g\"],"
            + "\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\",\"warmupIterations\":2,"
            + "\"warmupTime\":\"1 s\",\"measurementIterations\":3,\"measurementTime\":\"1 s\","
            + "\"params\":{\"size\":\"%s\"},"
            + "\"primaryMetric\":{\"score\":%s,\"scoreError\":%s,\"scoreUnit\":\"ns/op\",\"rawData\":[[%s,%s]]},"
            + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":%s,\"scoreError\":\"NaN\",\"scoreUnit\":\"B/op\"},"
            + "\"cpu.time.norm\":{\"score\":%s,\"scoreError\":\"NaN\",\"scoreUnit\":\"ns/op\"}}}",
        benchmark,
        size,
        score,
        Double.isNaN(error) ? "\"NaN\"" : String.valueOf(error),
        score * 1.5,
        score * 0.9,
        bytes,
        score * 0.8);
  }

  private static final String JSON =
      "[\n"
          + String.join(
              ",\n",
              run("SameThreadBenchmark.handWritten", "5", 200.0, 4.0, 480),
              run("SameThreadBenchmark.logctxWrap", "5", 20.0, Double.NaN, 48),
              run("SameThreadBenchmark.none", "5", 2.5, 0.1, 0),
              run("SameThreadBenchmark.handWritten", "20", 800.0, 8.0, 1920),
              run("CallerSideBenchmark.none", "5", 1.0, 0.1, 0),
              run("CallerSideBenchmark.handWritten", "5", 81.0, 1.0, 200),
              run("CallerSideBenchmark.logctxWrap", "5", 11.0, 1.0, 40),
              run("WorkerSideBenchmark.none", "5", 5.0, 0.1, 0),
              run("WorkerSideBenchmark.handWritten", "5", 75.0, 1.0, 300),
              run("WorkerSideBenchmark.logctxWrap", "5", 45.0, 1.0, 150))
          + "\n]\n";

  @Test
  void renders_time_bytes_and_ratios_to_the_hand_written_copy() {
    String table = ResultTable.render(JSON, "2025-01-01.json");

    assertThat(table)
        .contains("`2025-01-01.json`: JMH 1.37, OpenJDK 64-Bit Server VM 17.0.15; 1 fork(s), 2 warm-up")
        .contains("## Same thread")
        .contains("| 5 | (a) no propagation (floor) | 2.50 | 0.10 | 0.01 | 2.25 | 2.00 | 0.01 | 0 | 0.00 |")
        .contains("| 5 | (b) hand-written MDC copy | 200.0 | 4.00 | 1.00 | 180.0 | 160.0 | 1.00 | 480 | 1.00 |")
        .contains("| 5 | (c) logctx `LogContext.current().wrap` | 20.0 | — | 0.10 | 18.0 | 16.0 | 0.10 | 48 | 0.10 |")
        .contains("| 20 | (b) hand-written MDC copy | 800.0 | 8.00 | 1.00 | 720.0 | 640.0 | 1.00 | 1920 | 1.00 |");
    // Rows are ordered by size (numerically), then contender (a) to (h).
    assertThat(table.indexOf("| 5 | (a)")).isLessThan(table.indexOf("| 5 | (b)"));
    assertThat(table.indexOf("| 5 | (b) hand-written MDC copy | 200.0")).isLessThan(table.indexOf("| 20 |"));
    // Split, from CPU time: caller (64.8 - 0.8) + worker (60 - 4) = 120 for (b);
    // (8.8 - 0.8) + (36 - 4) = 40 for (c).
    assertThat(table)
        .contains("## Handoff split")
        .contains("| 5 | (b) hand-written MDC copy | 64.0 | 56.0 | 120.0 | 1.00 | — |")
        .contains("| 5 | (c) logctx `LogContext.current().wrap` | 8.00 | 32.0 | 40.0 | 0.33 | — |");
  }

  @Test
  void without_cpu_time_the_split_reads_the_best_iterations() {
    String table =
        ResultTable.render(JSON.replace("\"cpu.time.norm\"", "\"other.metric\""), "x.json");
    // caller (72.9 - 0.9) + worker (67.5 - 4.5) = 135 for (b).
    assertThat(table).contains("| 5 | (b) hand-written MDC copy | 72.0 | 63.0 | 135.0 | 1.00 | — |");
    assertThat(table).contains("| 5 | (b) hand-written MDC copy | 200.0 | 4.00 | 1.00 | 180.0 | — | — | 480 | 1.00 |");
  }

  @Test
  void scenarios_come_in_the_order_of_the_design() {
    String table = ResultTable.render(JSON, "x.json");
    assertThat(table.indexOf("## Same thread")).isLessThan(table.indexOf("## Handoff, caller side"));
    assertThat(table.indexOf("## Handoff, caller side")).isLessThan(table.indexOf("## Handoff, worker side"));
  }

  @Test
  void rejects_what_is_not_a_jmh_result() {
    assertThatThrownBy(() -> ResultTable.render("{\"a\":1}", "x.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JMH");
  }

  @Test
  void json_reads_objects_arrays_strings_numbers_and_literals() {
    Object value =
        Json.parse(" {\"s\":\"a\\\"b\\\\c\\u00e9\\n\",\"n\":-1.5e2,\"l\":[true,false,null],\"o\":{}} ");
    assertThat(value)
        .isEqualTo(
            Map.of(
                "s", "a\"b\\c\u00e9\n",
                "n", -150.0,
                "l", java.util.Arrays.asList(true, false, null),
                "o", Map.of()));
    assertThat(Json.parse("[]")).isEqualTo(List.of());
  }

  @Test
  void json_rejects_broken_documents() {
    assertThatThrownBy(() -> Json.parse("[1,")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
  }
}
