package dev.logctx.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON result ({@code -rf json}) into a markdown table: time and bytes per operation
 * of every contender, per scenario and MDC size, with its ratio to the hand-written copy (b). Needs
 * only a JDK:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.logctx.benchmarks.ResultTable in.json out.md
 * }</pre>
 */
public final class ResultTable {

  /** The contender every ratio divides by. */
  static final String BASELINE = "handWritten";

  private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();
  private static final Map<String, String> CONTENDERS = new LinkedHashMap<>();

  static {
    SCENARIOS.put(
        "SameThreadBenchmark",
        "Same thread: capture, attach, run an empty body, restore on the calling thread (caller-runs;"
            + " pure overhead)");
    SCENARIOS.put("HandoffBenchmark", "Handoff: submit to a single-thread executor and wait for the result");
    SCENARIOS.put(
        "CallerSideBenchmark", "Handoff, caller side: capture and wrap on the request thread");
    SCENARIOS.put(
        "WorkerSideBenchmark",
        "Handoff, worker side: run the wrapped task on a pooled thread whose MDC is empty");

    CONTENDERS.put("none", "(a) no propagation (floor)");
    CONTENDERS.put("handWritten", "(b) hand-written MDC copy");
    CONTENDERS.put("logctxWrap", "(c) logctx `LogContext.current().wrap`");
    CONTENDERS.put("logctxLogback", "(c2) logctx with `logctx-logback` (`-Dslf4j.provider`)");
    CONTENDERS.put(
        "logctxOtel",
        "(c3) logctx with `logctx-opentelemetry`: MDC + OTel `Context` in one snapshot, inside a span");
    CONTENDERS.put("logctxExecutor", "(d) logctx `ContextualExecutors.wrap`");
    CONTENDERS.put("smallRye", "(e) SmallRye `ThreadContext` + logctx provider");
    CONTENDERS.put("smallRyeAlone", "(e0) SmallRye `ThreadContext`, no context type (its own cost)");
    CONTENDERS.put("logctxProvider", "(e1) logctx MP provider called directly, no framework");
    CONTENDERS.put("micrometer", "(f) Micrometer context-propagation, MDC accessor");
    CONTENDERS.put("ttl", "(g) TransmittableThreadLocal, MDC transmittee");
    CONTENDERS.put("otel", "(h) OpenTelemetry `Context` (reference)");
  }

  private ResultTable() {}

  /**
   * Reads {@code args[0]} (JMH JSON) and writes {@code args[1]} (markdown).
   *
   * @param args input and output paths
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -cp benchmarks.jar " + ResultTable.class.getName() + " in.json out.md");
      System.exit(2);
      return;
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String markdown = render(Files.readString(in, StandardCharsets.UTF_8), in.getFileName().toString());
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** One benchmark result: a contender in a scenario at one MDC size. */
  record Row(
      String scenario,
      String contender,
      String size,
      double score,
      double error,
      double best,
      double cpu,
      String unit,
      @Nullable Double bytes) {

    /** CPU time per operation where measured, else the best iteration: the less noisy cost. */
    double cost() {
      return Double.isNaN(cpu) ? best : cpu;
    }
  }

  /** The markdown for a JMH JSON document; {@code source} names it in the heading. */
  static String render(String json, String source) {
    List<Map<String, @Nullable Object>> runs = runs(Json.parse(json));
    List<Row> rows = rows(runs);
    StringBuilder md = new StringBuilder();
    md.append("# logctx benchmarks\n\n");
    md.append(describe(source, runs));
    md.append('\n');
    md.append(
        "Average time per operation, lower is better; ± is JMH's 99.9 % confidence half-width."
            + " \"best\" is the fastest measurement iteration. CPU ns/op is the CPU time of all"
            + " Java threads per operation (`CpuTimeProfiler`): blind to time spent waiting for a"
            + " CPU, so on a machine shared with other work it is the steadier number. B/op is"
            + " `gc.alloc.rate.norm` from `-prof gc`. Both count every thread, so the handoff"
            + " worker's share too. \"× (b)\" divides by the hand-written copy (b) in the same"
            + " scenario at the same MDC size: below 1 is cheaper than what users write by hand.\n");
    for (String scenario : scenarios(rows)) {
      md.append("\n## ").append(SCENARIOS.getOrDefault(scenario, scenario)).append("\n\n");
      scenarioTable(md, scenario, rows);
    }
    split(md, rows);
    return md.toString();
  }

  /** The rows of a JMH JSON document. */
  static List<Row> rows(String json) {
    return rows(runs(Json.parse(json)));
  }

  private static List<Row> rows(List<Map<String, @Nullable Object>> runs) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, @Nullable Object> run : runs) {
      rows.add(row(run));
    }
    return rows;
  }

  /**
   * The propagation cost of one handoff: caller side + worker side, each minus its floor (a).
   *
   * @return NaN when a half was not measured
   */
  static double handoffCost(List<Row> rows, String contender, String size) {
    return sum(
        rows,
        contender,
        size,
        find(rows, "CallerSideBenchmark", "none", size),
        find(rows, "WorkerSideBenchmark", "none", size));
  }

  /** The MDC sizes measured on both sides of the handoff, in numeric order. */
  static List<String> handoffSizes(List<Row> rows) {
    List<String> sizes = new ArrayList<>(sizes(rows, "CallerSideBenchmark"));
    sizes.retainAll(sizes(rows, "WorkerSideBenchmark"));
    return sizes;
  }

  /** The label of a contender in tables and charts. */
  static String label(String contender) {
    return CONTENDERS.getOrDefault(contender, contender);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, @Nullable Object>> runs(@Nullable Object document) {
    if (!(document instanceof List)) {
      throw new IllegalArgumentException("not a JMH JSON result: expected an array of runs");
    }
    List<Map<String, @Nullable Object>> runs = new ArrayList<>();
    for (Object run : (List<Object>) document) {
      if (!(run instanceof Map)) {
        throw new IllegalArgumentException("not a JMH JSON result: a run is not an object");
      }
      runs.add((Map<String, @Nullable Object>) run);
    }
    return runs;
  }

  private static Row row(Map<String, @Nullable Object> run) {
    String benchmark = text(run, "benchmark");
    int method = benchmark.lastIndexOf('.');
    int type = benchmark.lastIndexOf('.', method - 1);
    // A contender measured in a JVM of its own (CallerSideLogctxLogbackBenchmark: another SLF4J
    // provider; CallerSideLogctxOtelBenchmark: logctx-opentelemetry's carrier) is shown in its
    // scenario (CallerSideBenchmark), beside the others.
    String scenario =
        benchmark
            .substring(type + 1, method)
            .replace("LogctxLogbackBenchmark", "Benchmark")
            .replace("LogctxOtelBenchmark", "Benchmark");
    String contender = benchmark.substring(method + 1);
    Map<String, @Nullable Object> params = object(run, "params");
    String size = params == null ? "" : String.valueOf(params.getOrDefault("size", ""));
    Map<String, @Nullable Object> primary = Objects.requireNonNull(object(run, "primaryMetric"), "primaryMetric");
    Map<String, @Nullable Object> secondary = object(run, "secondaryMetrics");
    Double bytes = number(object(secondary, "gc.alloc.rate.norm"), "score");
    Double cpu = number(object(secondary, CpuTimeProfiler.METRIC), "score");
    return new Row(
        scenario,
        contender,
        size,
        orNaN(number(primary, "score")),
        orNaN(number(primary, "scoreError")),
        best(primary.get("rawData")),
        orNaN(cpu),
        String.valueOf(primary.getOrDefault("scoreUnit", "")),
        bytes);
  }

  /** The least disturbed measurement iteration: the cleaner signal on a machine shared with others. */
  private static double best(@Nullable Object rawData) {
    double best = Double.NaN;
    if (rawData instanceof List) {
      for (Object fork : (List<?>) rawData) {
        if (fork instanceof List) {
          for (Object iteration : (List<?>) fork) {
            if (iteration instanceof Double) {
              double value = (Double) iteration;
              if (Double.isNaN(best) || value < best) {
                best = value;
              }
            }
          }
        }
      }
    }
    return best;
  }

  private static String describe(String source, List<Map<String, @Nullable Object>> runs) {
    if (runs.isEmpty()) {
      return "No results in `" + source + "`.\n";
    }
    Map<String, @Nullable Object> first = runs.get(0);
    return String.format(
        Locale.ROOT,
        "`%s`: JMH %s, %s %s; %s fork(s), %s warm-up iteration(s) of %s, %s measurement"
            + " iteration(s) of %s, %s thread(s).%n",
        source,
        first.get("jmhVersion"),
        first.get("vmName"),
        first.get("jdkVersion"),
        integer(first.get("forks")),
        integer(first.get("warmupIterations")),
        first.get("warmupTime"),
        integer(first.get("measurementIterations")),
        first.get("measurementTime"),
        integer(first.get("threads")));
  }

  private static void scenarioTable(StringBuilder md, String scenario, List<Row> rows) {
    String unit = "ns/op";
    for (Row row : rows) {
      if (row.scenario().equals(scenario) && !row.unit().isEmpty()) {
        unit = row.unit();
        break;
      }
    }
    md.append("| MDC size | contender | ")
        .append(unit)
        .append(" | ± | × (b) | best | CPU ns/op | CPU × (b) | B/op | B × (b) |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String size : sizes(rows, scenario)) {
      Row baseline = find(rows, scenario, BASELINE, size);
      for (Row row : contenders(rows, scenario, size)) {
        md.append("| ").append(size);
        md.append(" | ").append(CONTENDERS.getOrDefault(row.contender(), row.contender()));
        md.append(" | ").append(time(row.score()));
        md.append(" | ").append(time(row.error()));
        md.append(" | ").append(baseline == null ? "—" : ratio(row.score(), baseline.score()));
        md.append(" | ").append(time(row.best()));
        md.append(" | ").append(time(row.cpu()));
        md.append(" | ").append(baseline == null ? "—" : ratio(row.cpu(), baseline.cpu()));
        md.append(" | ").append(row.bytes() == null ? "—" : bytes(row.bytes()));
        md.append(" | ")
            .append(
                baseline == null || row.bytes() == null || baseline.bytes() == null
                    ? "—"
                    : ratio(row.bytes(), baseline.bytes()));
        md.append(" |\n");
      }
    }
  }

  /**
   * Caller side + worker side against the handoff minus its floor: where the handoff's
   * propagation cost is, without the noise of the queue and the wake-up.
   */
  private static void split(StringBuilder md, List<Row> rows) {
    List<String> sizes = handoffSizes(rows);
    if (sizes.isEmpty()) {
      return;
    }
    md.append("\n## Handoff split: caller side + worker side (ns/op)\n\n");
    md.append(
        "Each half minus its own floor (a); the sum is the propagation cost of one handoff."
            + " \"handoff − (a)\" is the same cost read from the handoff itself, noisy because a"
            + " wake-up costs microseconds. (d) hands the worker the very task (c) makes, so its"
            + " worker side is (c)'s. Differences of small numbers, so each is taken from the"
            + " steadier measure: CPU time where it was measured, else the best iteration.\n\n");
    md.append("| MDC size | contender | caller | worker | caller + worker | × (b) | handoff − (a) |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|\n");
    for (String size : sizes) {
      Row callerFloor = find(rows, "CallerSideBenchmark", "none", size);
      Row workerFloor = find(rows, "WorkerSideBenchmark", "none", size);
      Row handoffFloor = find(rows, "HandoffBenchmark", "none", size);
      double baselineSum = sum(rows, BASELINE, size, callerFloor, workerFloor);
      for (Row caller : contenders(rows, "CallerSideBenchmark", size)) {
        if (caller.contender().equals("none")) {
          continue;
        }
        String contender = caller.contender();
        Row worker = workerOf(rows, contender, size);
        double callerCost = caller.cost() - floor(callerFloor);
        double workerCost = worker == null ? Double.NaN : worker.cost() - floor(workerFloor);
        double total = callerCost + workerCost;
        Row handoff = find(rows, "HandoffBenchmark", contender, size);
        md.append("| ").append(size);
        md.append(" | ").append(CONTENDERS.getOrDefault(contender, contender));
        md.append(" | ").append(time(callerCost));
        md.append(" | ").append(time(workerCost));
        md.append(" | ").append(time(total));
        md.append(" | ").append(ratio(total, baselineSum));
        md.append(" | ")
            .append(
                handoff == null || handoffFloor == null
                    ? "—"
                    : time(handoff.cost() - handoffFloor.cost()));
        md.append(" |\n");
      }
    }
  }

  private static double sum(
      List<Row> rows, String contender, String size, @Nullable Row callerFloor, @Nullable Row workerFloor) {
    Row caller = find(rows, "CallerSideBenchmark", contender, size);
    Row worker = workerOf(rows, contender, size);
    if (caller == null || worker == null) {
      return Double.NaN;
    }
    return caller.cost() - floor(callerFloor) + worker.cost() - floor(workerFloor);
  }

  private static @Nullable Row workerOf(List<Row> rows, String contender, String size) {
    Row worker = find(rows, "WorkerSideBenchmark", contender, size);
    if (worker == null && contender.equals("logctxExecutor")) {
      worker = find(rows, "WorkerSideBenchmark", "logctxWrap", size);
    }
    return worker;
  }

  private static double floor(@Nullable Row floor) {
    return floor == null ? 0 : floor.cost();
  }

  private static List<String> scenarios(List<Row> rows) {
    List<String> order = new ArrayList<>();
    for (String known : SCENARIOS.keySet()) {
      for (Row row : rows) {
        if (row.scenario().equals(known)) {
          order.add(known);
          break;
        }
      }
    }
    TreeSet<String> others = new TreeSet<>();
    for (Row row : rows) {
      if (!SCENARIOS.containsKey(row.scenario())) {
        others.add(row.scenario());
      }
    }
    order.addAll(others);
    return order;
  }

  private static List<String> sizes(List<Row> rows, String scenario) {
    TreeSet<String> sizes = new TreeSet<>(ResultTable::compareSizes);
    for (Row row : rows) {
      if (row.scenario().equals(scenario)) {
        sizes.add(row.size());
      }
    }
    return new ArrayList<>(sizes);
  }

  private static int compareSizes(String a, String b) {
    try {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static List<Row> contenders(List<Row> rows, String scenario, String size) {
    List<String> known = new ArrayList<>(CONTENDERS.keySet());
    List<Row> selected = new ArrayList<>();
    for (Row row : rows) {
      if (row.scenario().equals(scenario) && row.size().equals(size)) {
        selected.add(row);
      }
    }
    selected.sort(
        Comparator.comparingInt(
                (Row row) -> known.contains(row.contender()) ? known.indexOf(row.contender()) : known.size())
            .thenComparing(Row::contender));
    return selected;
  }

  private static @Nullable Row find(List<Row> rows, String scenario, String contender, String size) {
    for (Row row : rows) {
      if (row.scenario().equals(scenario) && row.contender().equals(contender) && row.size().equals(size)) {
        return row;
      }
    }
    return null;
  }

  private static String time(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "—";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (magnitude < 1000) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String bytes(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ratio(double value, double baseline) {
    if (Double.isNaN(value) || Double.isNaN(baseline) || Math.abs(baseline) < 0.5) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2f", value / baseline);
  }

  private static String text(Map<String, @Nullable Object> object, String name) {
    Object value = object.get(name);
    if (!(value instanceof String)) {
      throw new IllegalArgumentException("not a JMH JSON result: no \"" + name + "\"");
    }
    return (String) value;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, @Nullable Object> object(
      @Nullable Map<String, @Nullable Object> object, String name) {
    if (object == null) {
      return null;
    }
    Object value = object.get(name);
    return value instanceof Map ? (Map<String, @Nullable Object>) value : null;
  }

  /** JMH writes NaN as the string "NaN". */
  private static @Nullable Double number(@Nullable Map<String, @Nullable Object> object, String name) {
    if (object == null) {
      return null;
    }
    Object value = object.get(name);
    if (value instanceof Double) {
      return (Double) value;
    }
    if (value instanceof String) {
      try {
        return Double.valueOf((String) value);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static double orNaN(@Nullable Double value) {
    return value == null ? Double.NaN : value;
  }

  private static String integer(@Nullable Object value) {
    return value instanceof Double ? String.valueOf(((Double) value).intValue()) : String.valueOf(value);
  }
}
