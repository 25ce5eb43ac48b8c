package dev.logctx.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws, from JMH's JSON result, the propagation cost of one handoff (caller side + worker side,
 * each minus its floor, as in the table's "Handoff split") against the size of the MDC, one line
 * per contender, as an SVG file. Needs only a JDK:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.logctx.benchmarks.HandoffChart in.json out.svg
 * }</pre>
 */
public final class HandoffChart {
  /**
   * Contenders drawn, with their colours: the copy, logctx without and with logctx-logback, logctx
   * with logctx-opentelemetry, OTel.
   */
  static final String[][] LINES = {
    {"handWritten", "#d62728"},
    {"logctxWrap", "#1f77b4"},
    {"logctxLogback", "#2ca02c"},
    {"logctxOtel", "#9467bd"},
    {"otel", "#7f7f7f"},
  };

  private static final int WIDTH = 840;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 400;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private HandoffChart() {}

  /**
   * Reads {@code args[0]} (JMH JSON) and writes {@code args[1]} (SVG).
   *
   * @param args input and output paths
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -cp benchmarks.jar " + HandoffChart.class.getName() + " in.json out.svg");
      System.exit(2);
      return;
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String svg = render(Files.readString(in, StandardCharsets.UTF_8), in.getFileName().toString());
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, svg, StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** The SVG for a JMH JSON document; {@code source} names it in the caption. */
  static String render(String json, String source) {
    List<ResultTable.Row> rows = ResultTable.rows(json);
    List<String> sizes = ResultTable.handoffSizes(rows);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("no caller-side and worker-side results in " + source);
    }
    double max = 0;
    for (String[] line : LINES) {
      for (String size : sizes) {
        double cost = ResultTable.handoffCost(rows, line[0], size);
        if (!Double.isNaN(cost)) {
          max = Math.max(max, cost);
        }
      }
    }
    double top = niceCeiling(max);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"22\" font-size=\"14\">Cost of one handoff (caller + worker, ns, minus"
            + " the floor) by MDC size</text>%n", LEFT));
    for (int tick = 0; tick <= 4; tick++) {
      double value = top * tick / 4;
      double y = TOP + plotHeight - plotHeight * tick / 4.0;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
          LEFT, y, LEFT + plotWidth, y));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, number(value)));
    }
    for (int i = 0; i < sizes.size(); i++) {
      double x = x(i, sizes.size(), plotWidth);
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, TOP + plotHeight + 18, sizes.get(i)));
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">MDC entries</text>%n",
        LEFT + plotWidth / 2, TOP + plotHeight + 38));
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
    int legend = 0;
    for (String[] line : LINES) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < sizes.size(); i++) {
        double cost = ResultTable.handoffCost(rows, line[0], sizes.get(i));
        if (Double.isNaN(cost)) {
          continue;
        }
        double y = TOP + plotHeight - plotHeight * Math.max(0, cost) / top;
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(i, sizes.size(), plotWidth), y));
        svg.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %s entries: %s ns</title></circle>%n",
            x(i, sizes.size(), plotWidth), y, line[1], escape(ResultTable.label(line[0])),
            sizes.get(i), number(cost)));
      }
      if (points.isEmpty()) {
        continue;
      }
      svg.append(String.format(Locale.ROOT,
          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
          line[1], String.join(" ", points)));
      int y = TOP + 10 + legend * 22;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          LEFT + plotWidth + 16, y, LEFT + plotWidth + 36, y, line[1]));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\">%s</text>%n",
          LEFT + plotWidth + 42, y + 4, escape(ResultTable.label(line[0]).replace("`", ""))));
      legend++;
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555555\">%s</text>%n",
        LEFT, HEIGHT - 8, escape("from " + source + " (benchmarks/run.sh)")));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double x(int index, int count, int plotWidth) {
    return count == 1 ? LEFT + plotWidth / 2.0 : LEFT + 20 + (plotWidth - 40.0) * index / (count - 1);
  }

  /** The smallest of 1, 2, 5 × a power of ten at or above {@code value}. */
  static double niceCeiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String number(double value) {
    return value >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
