package dev.logctx.kafka;

import dev.logctx.internal.MdcFailures;
import dev.logctx.internal.MdcKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka {@link ProducerInterceptor} that writes the sending thread's MDC keys into each record's
 * headers at {@code send}: by default {@code request_id} into {@code X-Request-ID} and {@code
 * user_id} into {@code X-User-ID} (see {@link HeaderNames} for the configuration). Configuration
 * only, no code:
 *
 * <pre>{@code
 * props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
 *     ContextHeadersProducerInterceptor.class.getName());
 * props.put("logctx.kafka.keys", "request_id,user_id,tenant");   // optional
 * props.put("logctx.kafka.header.tenant", "X-Tenant");            // optional
 * }</pre>
 *
 * <p>Kafka calls {@link #onSend} on the thread that calls {@code send}, so the headers carry the
 * context of the code that sent the record, also where that code runs on a pooled thread in a
 * context logctx attached. A key absent from that MDC adds no header. A record on which the
 * application put <em>any</em> of the configured headers itself gets none of the sending thread's:
 * its identity is the application's, and it never carries, say, the application's request id
 * beside the sending thread's user id. Values are written as UTF-8 bytes as they are; the consumer
 * side ({@link RecordContext}) checks what it reads.
 *
 * <p>Nothing here throws into the producer: when the MDC cannot be read, or the record's headers
 * cannot be written (a record sent a second time has read-only headers), the record goes out as it
 * came, and an MDC failure is logged once. The interceptor keeps no state between records and is
 * safe for the producer's threads.
 */
public final class ContextHeadersProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

  private volatile HeaderNames names = HeaderNames.defaults();

  /** Made by Kafka from {@code interceptor.classes}; carries the default keys until configured. */
  public ContextHeadersProducerInterceptor() {}

  /**
   * Reads {@value HeaderNames#KEYS_CONFIG} and {@value HeaderNames#HEADER_CONFIG_PREFIX}{@code
   * <key>} from the producer's configuration.
   *
   * @param configs the producer's configuration
   * @throws IllegalArgumentException if those entries are invalid: the producer fails to start
   */
  @Override
  public void configure(Map<String, ?> configs) {
    names = HeaderNames.fromConfig(configs);
  }

  /**
   * Adds one header for each configured key that the calling thread's MDC holds, unless the record
   * carries any of the configured headers already.
   *
   * @param record the record being sent
   * @return the same record, its headers completed
   */
  @Override
  public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    try {
      writeContext(names, record.headers());
    } catch (RuntimeException | Error e) {
      // read-only headers, or a failure not caught below: the record goes out as it came
      MdcFailures.rethrowIfFatal(e);
    }
    return record;
  }

  /**
   * Adds the calling thread's MDC values of {@code names}' keys to {@code headers}, unless {@code
   * headers} has any of {@code names}' headers already.
   */
  static void writeContext(HeaderNames names, Headers headers) {
    if (names.anyIn(headers)) {
      return; // the application's identity: none of the sending thread's beside it
    }
    MdcKeys.Access mdc;
    try {
      mdc = MdcKeys.access();
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.CAPTURE, e);
      return;
    }
    for (int i = 0, n = names.size(); i < n; i++) {
      @Nullable String value;
      try {
        value = mdc.get(names.keyAt(i));
      } catch (RuntimeException | Error e) {
        MdcFailures.failed(MdcFailures.Step.CAPTURE, e);
        return;
      }
      if (value != null) {
        headers.add(names.headerAt(i), value.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Nothing to do once the record is acknowledged. */
  @Override
  public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {}

  /** Holds nothing to release. */
  @Override
  public void close() {}
}
