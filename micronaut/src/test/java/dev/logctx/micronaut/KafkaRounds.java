package dev.logctx.micronaut;

import dev.logctx.LogContext;
import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records sent through the tests' {@code @KafkaClient} from pooled threads, each in a context of
 * its own ({@code req-<run>-<n>}, users alternating {@code alice}/{@code bob}), and what the lines
 * logged for them carried.
 */
final class KafkaRounds {
  static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int SENDERS = 4;

  private KafkaRounds() {}

  static String key(String run, int n) {
    return keyPrefix(run) + n;
  }

  static String keyPrefix(String run) {
    return "k-" + run + "-";
  }

  static String requestId(String run, int n) {
    return "req-" + run + "-" + n;
  }

  static String userId(int n) {
    return n % 2 == 0 ? "alice" : "bob";
  }

  /** Sends {@code count} records to {@code topic}, each from a sender thread in its own context. */
  static void send(KafkaRecordListeners.Sender sender, String topic, String run, int count)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        int i = n;
        LogContext context =
            LogContext.of(Map.of("request_id", requestId(run, i), "user_id", userId(i)));
        sent.add(senders.submit(context.wrap(() -> sender.send(topic, key(run, i), "v"))));
      }
      for (Future<?> each : sent) {
        each.get(60, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }
  }

  /** How the lines of one kind, one per record, carried their record's ids. */
  record Counts(int lines, int own, int missing, int foreign) {
    @Override
    public String toString() {
      return lines + " lines: " + own + " with their record's request_id and user_id, "
          + missing + " missing one, " + foreign + " with another record's";
    }
  }

  /**
   * Waits for {@code count} lines that start with {@code prefix} followed by a key of {@code run},
   * and counts how they carry their record's ids.
   */
  static Counts await(CapturedLog logs, String prefix, String run, int count)
      throws InterruptedException {
    Pattern pattern = Pattern.compile(Pattern.quote(prefix + " " + keyPrefix(run)) + "(\\d+)");
    List<CapturedLog.Line> lines =
        logs.awaitLines(line -> pattern.matcher(line.message()).matches(), count, DEADLINE);
    int own = 0;
    int missing = 0;
    int foreign = 0;
    for (CapturedLog.Line line : lines) {
      Matcher matcher = pattern.matcher(line.message());
      matcher.matches();
      int n = Integer.parseInt(matcher.group(1));
      String requestId = line.requestId();
      String userId = line.userId();
      if ((requestId != null && !requestId.equals(requestId(run, n)))
          || (userId != null && !userId.equals(userId(n)))) {
        foreign++;
      } else if (requestId == null || userId == null) {
        missing++;
      } else {
        own++;
      }
    }
    return new Counts(lines.size(), own, missing, foreign);
  }
}
