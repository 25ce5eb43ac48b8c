package dev.logctx.demo.micronaut;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each line of an order ("order received" and each follow-up): how many orders' lines carried
 * their own request id and user id, lost one of them, or showed another order's. Negative controls
 * print it; their failure rate is {@code (lost + foreign) / orders}.
 */
final class PathRates {
  /** What one line carried. */
  enum Outcome {
    OWN,
    LOST,
    FOREIGN
  }

  private final Map<String, Map<Outcome, Integer>> byLine = new LinkedHashMap<>();
  private final Map<String, Integer> withoutRequestId = new LinkedHashMap<>();
  private final Map<String, Integer> withoutUserId = new LinkedHashMap<>();
  private final int orders;

  private PathRates(int orders) {
    this.orders = orders;
    OrderClient.ORDER_LINES.forEach(message -> byLine.put(message, new EnumMap<>(Outcome.class)));
  }

  static PathRates of(List<OrderClient.Placed> orders, Map<String, List<LogLine>> linesByOrder) {
    PathRates rates = new PathRates(orders.size());
    for (OrderClient.Placed order : orders) {
      for (LogLine line : linesByOrder.get(order.orderId())) {
        Map<Outcome, Integer> counts = rates.byLine.get(line.message());
        if (counts != null) {
          counts.merge(outcome(order, line), 1, Integer::sum);
          if (line.requestId() == null) {
            rates.withoutRequestId.merge(line.message(), 1, Integer::sum);
          }
          if (line.userId() == null) {
            rates.withoutUserId.merge(line.message(), 1, Integer::sum);
          }
        }
      }
    }
    return rates;
  }

  static Outcome outcome(OrderClient.Placed order, LogLine line) {
    String requestId = line.requestId();
    String userId = line.userId();
    boolean foreign =
        (requestId != null && !requestId.equals(order.requestId()))
            || (userId != null && !userId.equals(order.userId()));
    if (foreign) {
      return Outcome.FOREIGN;
    }
    return requestId == null || userId == null ? Outcome.LOST : Outcome.OWN;
  }

  /** How many orders' {@code message} line had {@code outcome}. */
  int count(String message, Outcome outcome) {
    return byLine.get(message).getOrDefault(outcome, 0);
  }

  /** The lines that failed (lost or foreign) over all orders, for {@code message}. */
  double failureRate(String message) {
    return (count(message, Outcome.LOST) + count(message, Outcome.FOREIGN)) / (double) orders;
  }

  /** A table for the test output: one row per line, failure rate and its parts. */
  String table(String title) {
    StringBuilder out = new StringBuilder(title).append(" (").append(orders).append(" orders)\n");
    byLine.forEach(
        (message, counts) ->
            out.append(
                String.format(
                    java.util.Locale.ROOT,
                    "  %-30s failed %5.1f%%  (lost %d: no request_id %d, no user_id %d;"
                        + " another order's %d; own %d)%n",
                    message,
                    100 * failureRate(message),
                    counts.getOrDefault(Outcome.LOST, 0),
                    withoutRequestId.getOrDefault(message, 0),
                    withoutUserId.getOrDefault(message, 0),
                    counts.getOrDefault(Outcome.FOREIGN, 0),
                    counts.getOrDefault(Outcome.OWN, 0))));
    return out.toString();
  }
}
