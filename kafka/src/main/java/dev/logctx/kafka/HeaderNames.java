package dev.logctx.kafka;

import dev.logctx.LogContext;
import dev.logctx.internal.RequestIdRules;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Which MDC keys travel with a Kafka record, and in which header each one does: the mapping that
 * {@link ContextHeadersProducerInterceptor} writes and {@link RecordContext} reads.
 *
 * <p>The default carries {@value #REQUEST_ID_KEY} in {@value #DEFAULT_REQUEST_ID_HEADER} (the
 * header of the HTTP edge) and {@value #USER_ID_KEY} in {@value #DEFAULT_USER_ID_HEADER}. A
 * producer or consumer configuration changes it with two kinds of entries:
 *
 * <pre>
 * logctx.kafka.keys = request_id, user_id, tenant     # the MDC keys, in order
 * logctx.kafka.header.tenant = X-Tenant               # the header of one key
 * </pre>
 *
 * <p>A key without a {@code logctx.kafka.header.<key>} entry travels in the default header for
 * {@value #REQUEST_ID_KEY} and {@value #USER_ID_KEY}, and in a header named like the key itself
 * for any other key. Header names are HTTP header names (RFC 9110 tokens) so that the same value can
 * be forwarded over HTTP; Kafka compares them exactly, case included.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class HeaderNames {

  /** The configuration entry that lists the MDC keys to carry, comma-separated: {@value}. */
  public static final String KEYS_CONFIG = "logctx.kafka.keys";

  /**
   * The prefix of the configuration entries that name the header of one key: {@value}, followed
   * by the MDC key.
   */
  public static final String HEADER_CONFIG_PREFIX = "logctx.kafka.header.";

  /** The MDC key of the request id: {@value}. */
  public static final String REQUEST_ID_KEY = RequestIdRules.MDC_KEY;

  /** The MDC key of the user id: {@value}. */
  public static final String USER_ID_KEY = "user_id";

  /** The header of the request id unless configured otherwise: {@value}, as on HTTP. */
  public static final String DEFAULT_REQUEST_ID_HEADER = RequestIdRules.DEFAULT_HEADER;

  /** The header of the user id unless configured otherwise: {@value}. */
  public static final String DEFAULT_USER_ID_HEADER = "X-User-ID";

  private static final HeaderNames DEFAULTS =
      new HeaderNames(
          new String[] {REQUEST_ID_KEY, USER_ID_KEY},
          new String[] {DEFAULT_REQUEST_ID_HEADER, DEFAULT_USER_ID_HEADER});

  // parallel arrays, read on every record: no iterator, no boxing
  private final String[] keys;
  private final String[] headers;

  private HeaderNames(String[] keys, String[] headers) {
    this.keys = keys;
    this.headers = headers;
  }

  /**
   * {@value #REQUEST_ID_KEY} in {@value #DEFAULT_REQUEST_ID_HEADER}, {@value #USER_ID_KEY} in
   * {@value #DEFAULT_USER_ID_HEADER}.
   *
   * @return the default mapping
   */
  public static HeaderNames defaults() {
    return DEFAULTS;
  }

  /**
   * The mapping that a Kafka client configuration names with {@value #KEYS_CONFIG} and {@value
   * #HEADER_CONFIG_PREFIX}{@code <key>}; the {@linkplain #defaults() defaults} for what it leaves
   * out. Other entries are ignored.
   *
   * @param configs a producer's or consumer's configuration, as Kafka hands it to an interceptor
   * @return the mapping
   * @throws NullPointerException if {@code configs} is null
   * @throws IllegalArgumentException if an entry is not a string, a key is empty or repeated, two
   *     keys share a header, or a header name is not an HTTP header name
   */
  public static HeaderNames fromConfig(Map<String, ?> configs) {
    Objects.requireNonNull(configs, "configs");
    @Nullable String listed = stringEntry(configs, KEYS_CONFIG);
    String[] keys;
    if (listed == null || listed.isBlank()) {
      keys = DEFAULTS.keys.clone();
    } else {
      String[] parts = listed.split(",", -1);
      keys = new String[parts.length];
      for (int i = 0; i < parts.length; i++) {
        keys[i] = parts[i].trim();
      }
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String key : keys) {
      if (mapping.containsKey(key)) {
        throw new IllegalArgumentException(KEYS_CONFIG + " names the key '" + key + "' twice");
      }
      @Nullable String header = stringEntry(configs, HEADER_CONFIG_PREFIX + key);
      mapping.put(key, header == null || header.isBlank() ? defaultHeaderOf(key) : header.trim());
    }
    for (String name : configs.keySet()) {
      if (name.startsWith(HEADER_CONFIG_PREFIX)
          && !mapping.containsKey(name.substring(HEADER_CONFIG_PREFIX.length()))) {
        throw new IllegalArgumentException(
            name + " names the header of a key that " + KEYS_CONFIG + " does not list");
      }
    }
    return of(mapping);
  }

  /**
   * A mapping of MDC keys to header names, in the iteration order of {@code keyToHeader}.
   *
   * @param keyToHeader each MDC key to carry, with the header that carries it
   * @return the mapping
   * @throws NullPointerException if the map, a key or a header is null
   * @throws IllegalArgumentException if it is empty, a key is empty or has a comma, two keys share
   *     a header, or a header name is not an HTTP header name
   */
  public static HeaderNames of(Map<String, String> keyToHeader) {
    Objects.requireNonNull(keyToHeader, "keyToHeader");
    if (keyToHeader.isEmpty()) {
      throw new IllegalArgumentException("name at least one MDC key to carry");
    }
    String[] keys = new String[keyToHeader.size()];
    String[] headers = new String[keyToHeader.size()];
    int i = 0;
    for (Map.Entry<String, String> entry : keyToHeader.entrySet()) {
      String key = Objects.requireNonNull(entry.getKey(), "an MDC key is null");
      String header = Objects.requireNonNull(entry.getValue(), () -> "the header of " + key);
      if (key.isEmpty() || key.indexOf(',') >= 0 || !key.equals(key.trim())) {
        throw new IllegalArgumentException("not an MDC key to carry: '" + key + "'");
      }
      RequestIdRules.requireHeaderName(header);
      for (int j = 0; j < i; j++) {
        if (headers[j].equals(header)) {
          throw new IllegalArgumentException(
              "the keys '" + keys[j] + "' and '" + key + "' share the header " + header);
        }
      }
      keys[i] = key;
      headers[i] = header;
      i++;
    }
    return new HeaderNames(keys, headers);
  }

  private static String defaultHeaderOf(String key) {
    if (REQUEST_ID_KEY.equals(key)) {
      return DEFAULT_REQUEST_ID_HEADER;
    }
    if (USER_ID_KEY.equals(key)) {
      return DEFAULT_USER_ID_HEADER;
    }
    return key;
  }

  private static @Nullable String stringEntry(Map<String, ?> configs, String name) {
    Object value = configs.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(
          name + " must be a string, not a " + value.getClass().getName());
    }
    return (String) value;
  }

  /**
   * The MDC keys and their headers, in order.
   *
   * @return an unmodifiable map from MDC key to header name
   */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], headers[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The header that carries {@code key}.
   *
   * @param key an MDC key
   * @return its header, or null when this mapping does not carry the key
   */
  public @Nullable String headerOf(String key) {
    Objects.requireNonNull(key, "key");
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return headers[i];
      }
    }
    return null;
  }

  /**
   * Adds to {@code target} one header for each carried key that {@code context} holds, unless
   * {@code target} has any of this mapping's headers already: then the record's identity is the
   * one the application gave it, and nothing is added (a record never carries the application's
   * request id beside another context's user id). What the producer interceptor does with the
   * sending thread's MDC, for a framework that captured the context where a message was handed
   * over and builds the Kafka record later, on another thread.
   *
   * <pre>{@code
   * LogContext atSend = LogContext.current();       // where the application sends
   * ...
   * names.addTo(record.headers(), atSend);          // where the record is built
   * }</pre>
   *
   * @param target the record's headers, writable
   * @param context the context whose values to carry
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code target} is read-only and a header is to be added
   */
  public void addTo(Headers target, LogContext context) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(context, "context");
    if (anyIn(target)) {
      return;
    }
    for (int i = 0; i < keys.length; i++) {
      @Nullable String value = context.get(keys[i]);
      if (value != null) {
        target.add(headers[i], value.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Whether {@code target} has any header of this mapping. */
  boolean anyIn(Headers target) {
    for (String header : headers) {
      if (target.lastHeader(header) != null) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return keys.length;
  }

  String keyAt(int index) {
    return keys[index];
  }

  String headerAt(int index) {
    return headers[index];
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof HeaderNames && asMap().equals(((HeaderNames) other).asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return "HeaderNames" + asMap();
  }
}
