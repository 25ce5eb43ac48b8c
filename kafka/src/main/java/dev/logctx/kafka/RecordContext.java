package dev.logctx.kafka;

import dev.logctx.LogContext;
import dev.logctx.internal.RequestIdRules;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Runs the handling of one consumed Kafka record in the logging context its headers carry: the
 * consumer side of {@link ContextHeadersProducerInterceptor}.
 *
 * <pre>{@code
 * while (running) {
 *   for (ConsumerRecord<String, Order> record : consumer.poll(Duration.ofMillis(500))) {
 *     RecordContext.run(record, () -> handle(record));   // logs with the record's request_id
 *   }
 * }
 * }</pre>
 *
 * <p><b>The record's context</b> is built from its headers ({@link HeaderNames#defaults()} unless
 * another mapping is given) and becomes the <em>whole</em> MDC of the thread while the record is
 * handled, as every attach of logctx does: nothing of the poll thread's MDC, and nothing of the
 * record handled before, is visible. Afterwards the thread's MDC is restored exactly, also when
 * the handling throws. Work handed over while the record is handled (logctx's wrapped executors,
 * {@code ContextualTasks}, {@code LogContext.wrap}) carries the record's context.
 *
 * <p><b>Validation</b>, as at the HTTP edge, so that a value someone else put in a header never
 * reaches a log line raw:
 *
 * <ul>
 *   <li>{@code request_id}: kept when it passes the request-id rule of the HTTP edge (1 to 64
 *       characters, ASCII letters, digits and {@code . _ : -}); absent, empty, too long, not
 *       ASCII, or with any other character, the record gets a fresh random id instead.
 *   <li>every other key ({@code user_id}, configured ones): kept when it has 1 to {@value
 *       #MAX_VALUE_LENGTH} characters, each an ASCII letter or digit or one of {@code . _ : - @ +
 *       / =}; otherwise the key is left out of the record's context.
 * </ul>
 *
 * <p>The check runs on the header's bytes, length first, so a huge value is refused before it is
 * decoded. Of a header that appears several times, the last one counts. Nothing is logged.
 *
 * <p>Nothing here throws into the consumer's loop (rule 7): attach and restore never throw, and a
 * failure of the MDC adapter is handled as everywhere in logctx. Only what the handling itself
 * throws is thrown on.
 */
public final class RecordContext {

  /** The longest value kept for a key other than {@code request_id}: {@value} characters. */
  public static final int MAX_VALUE_LENGTH = 128;

  private RecordContext() {}

  /**
   * Runs {@code task} now, on this thread, in the context of {@code record}'s headers (default
   * mapping), then restores the thread's MDC exactly.
   *
   * @param record the record being handled
   * @param task its handling
   * @throws NullPointerException if {@code record} or {@code task} is null
   */
  public static void run(ConsumerRecord<?, ?> record, Runnable task) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(task, "task");
    of(record.headers(), HeaderNames.defaults()).run(task);
  }

  /**
   * Calls {@code task} now, on this thread, in the context of {@code record}'s headers (default
   * mapping), then restores the thread's MDC exactly.
   *
   * @param record the record being handled
   * @param task its handling
   * @param <T> its result type
   * @return what {@code task} returned
   * @throws Exception what {@code task} threw
   * @throws NullPointerException if {@code record} or {@code task} is null
   */
  public static <T> T call(ConsumerRecord<?, ?> record, Callable<T> task) throws Exception {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(task, "task");
    return of(record.headers(), HeaderNames.defaults()).call(task);
  }

  /**
   * The context of {@code record}'s headers under the default mapping, validated, not attached:
   * for frameworks that attach it themselves ({@code context.attach()}, {@code context.wrap(..)}).
   *
   * @param record the record
   * @return its context; it always holds a {@code request_id}
   * @throws NullPointerException if {@code record} is null
   */
  public static LogContext of(ConsumerRecord<?, ?> record) {
    Objects.requireNonNull(record, "record");
    return of(record.headers(), HeaderNames.defaults());
  }

  /**
   * The context of {@code record}'s headers under {@code names}, validated, not attached.
   *
   * <pre>{@code
   * HeaderNames names = HeaderNames.fromConfig(consumerConfig);
   * RecordContext.of(record, names).run(() -> handle(record));
   * }</pre>
   *
   * @param record the record
   * @param names which header carries which MDC key
   * @return its context; it holds a {@code request_id} whenever {@code names} carries that key
   * @throws NullPointerException if an argument is null
   */
  public static LogContext of(ConsumerRecord<?, ?> record, HeaderNames names) {
    Objects.requireNonNull(record, "record");
    return of(record.headers(), names);
  }

  /**
   * The context of a record's headers under {@code names}, validated, not attached: for frameworks
   * that hand over the headers rather than the {@link ConsumerRecord}.
   *
   * @param headers the record's headers
   * @param names which header carries which MDC key
   * @return the context; it holds a {@code request_id} whenever {@code names} carries that key
   * @throws NullPointerException if an argument is null
   */
  public static LogContext of(Headers headers, HeaderNames names) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(names, "names");
    // the common case, one or two keys, builds no map of its own before LogContext's copy
    @Nullable String key1 = null;
    @Nullable String value1 = null;
    @Nullable String key2 = null;
    @Nullable String value2 = null;
    @Nullable HashMap<String, String> more = null;
    for (int i = 0, n = names.size(); i < n; i++) {
      String key = names.keyAt(i);
      byte[] raw = valueOf(headers.lastHeader(names.headerAt(i)));
      @Nullable String value =
          RequestIdRules.MDC_KEY.equals(key) ? requestIdOf(raw) : boundedValueOf(raw);
      if (value == null) {
        continue;
      }
      if (key1 == null) {
        key1 = key;
        value1 = value;
      } else if (key2 == null) {
        key2 = key;
        value2 = value;
      } else {
        if (more == null) {
          more = new HashMap<>(8);
        }
        more.put(key, value);
      }
    }
    if (key1 == null || value1 == null) {
      return LogContext.empty();
    }
    if (key2 == null || value2 == null) {
      return LogContext.of(Map.of(key1, value1));
    }
    if (more == null) {
      return LogContext.of(Map.of(key1, value1, key2, value2));
    }
    more.put(key1, value1);
    more.put(key2, value2);
    return LogContext.of(more);
  }

  private static byte @Nullable [] valueOf(@Nullable Header header) {
    return header == null ? null : header.value();
  }

  /** The id in {@code raw} if the HTTP edge would accept it, else a fresh one. */
  static String requestIdOf(byte @Nullable [] raw) {
    if (raw == null || raw.length == 0 || raw.length > RequestIdRules.MAX_LENGTH) {
      return RequestIdRules.generate();
    }
    // one char per byte: a byte beyond ASCII becomes a char the rule refuses
    String candidate = new String(raw, StandardCharsets.ISO_8859_1);
    return RequestIdRules.isValid(candidate) ? candidate : RequestIdRules.generate();
  }

  /** The value in {@code raw} if it is short and of safe characters only, else null. */
  static @Nullable String boundedValueOf(byte @Nullable [] raw) {
    if (raw == null || raw.length == 0 || raw.length > MAX_VALUE_LENGTH) {
      return null;
    }
    for (byte b : raw) {
      if (!isAllowed(b)) {
        return null;
      }
    }
    return new String(raw, StandardCharsets.US_ASCII);
  }

  private static boolean isAllowed(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-'
        || c == '@'
        || c == '+'
        || c == '/'
        || c == '=';
  }
}
