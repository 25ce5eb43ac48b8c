package dev.logctx.micronaut;

import dev.logctx.Scope;
import dev.logctx.kafka.HeaderNames;
import dev.logctx.kafka.RecordContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka {@link ConsumerInterceptor} that runs the handling of each polled record in the context
 * of its headers ({@link RecordContext#of(ConsumerRecord, HeaderNames)}): the records that {@code
 * poll} returns attach a record's context when the poll loop takes it from their iterator, and
 * restore the poll thread's MDC when the loop asks for the next one ({@code hasNext}/{@code next}).
 *
 * <p>So everything the loop does for one record between those two calls — a micronaut-kafka
 * {@code @KafkaListener} method, the subscription of what it returns, the error strategy and the
 * {@code KafkaListenerExceptionHandler} it calls for that record, the commit — runs in that
 * record's context, whatever the method's parameters are. Each record gets its own context: many
 * records on one poll thread never see each other's ids, and a record without headers gets a fresh
 * {@code request_id}.
 *
 * <p>Only the <em>poll thread</em> of a batch — the thread whose {@code poll} returned it, where
 * micronaut-kafka's loop iterates — attaches a record's context, and every context it attaches
 * stays that thread's own until that same thread restores it. A loop that stops in the middle of
 * a batch (a listener failure with error strategy {@code NONE}, a {@code break}) leaves the last
 * record's context on the poll thread until that thread's next {@code poll} that returns records
 * (Kafka calls {@link #onConsume} only then) or its {@code close} of the consumer. The batch
 * iterated on any other thread attaches nothing there: its records are handled without an id
 * (missing, never another record's), because nothing would restore that thread if its iteration
 * stopped mid-way. A {@code poll} or {@code close} on another thread than
 * the one a context was attached on leaves that context alone. {@link #onCommit} restores nothing:
 * a commit inside a record's handling ({@code SYNC_PER_RECORD}) is part of that handling.
 *
 * <p>Records taken another way ({@code records(partition)}, a batch listener that gets the whole
 * batch) carry no context: nothing tells which record the code is handling, and logctx attaches
 * none rather than a guess.
 *
 * <p>logctx-micronaut adds this class to the {@code interceptor.classes} of every consumer
 * configuration micronaut-kafka builds (see {@link KafkaConsumerContextConfiguration}); a plain
 * Kafka consumer can name it there itself. Reads the header mapping from the consumer's
 * configuration ({@link HeaderNames#fromConfig(Map)}). One instance serves one consumer; its state
 * is per thread, so the threads that poll it or iterate its batches never share any.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordContextConsumerInterceptor<K, V> implements ConsumerInterceptor<K, V> {

  private volatile HeaderNames names = HeaderNames.defaults();

  // the scope a record of this consumer's batches left open on the current thread: each thread
  // sees, closes and replaces its own only (a scope closed elsewhere would change nothing)
  private final ThreadLocal<@Nullable Scope> open = new ThreadLocal<>();

  /** Made by Kafka from {@code interceptor.classes}. */
  public RecordContextConsumerInterceptor() {}

  /**
   * Reads {@value HeaderNames#KEYS_CONFIG} and {@value HeaderNames#HEADER_CONFIG_PREFIX}{@code
   * <key>} from the consumer's configuration.
   *
   * @param configs the consumer's configuration
   * @throws IllegalArgumentException if those entries are invalid: the consumer fails to start
   */
  @Override
  public void configure(Map<String, ?> configs) {
    names = HeaderNames.fromConfig(configs);
  }

  /**
   * Restores what a record of an earlier batch left attached on the calling thread, and returns
   * the batch as records whose iterator attaches each record's context in turn, on this thread
   * only.
   *
   * @param records the polled batch
   * @return the same records, in the same order
   */
  @Override
  public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
    restore();
    if (records.isEmpty()) {
      return records;
    }
    Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      byPartition.put(partition, records.records(partition));
    }
    return new Contextual<>(byPartition, records, this, Thread.currentThread());
  }

  /**
   * Nothing to do on a commit: a commit made while a record is handled is part of its handling.
   */
  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  /** Restores what a record left attached on the calling thread. */
  @Override
  public void close() {
    restore();
    open.remove();
  }

  /** Attaches {@code record}'s context on the calling thread, after restoring what was there. */
  void attach(ConsumerRecord<?, ?> record) {
    restore();
    open.set(RecordContext.of(record, names).attach());
  }

  /** Restores what a record left attached on the calling thread, if anything. */
  void restore() {
    @Nullable Scope scope = open.get();
    if (scope != null) {
      open.set(null);
      scope.close();
    }
  }

  /** The batch, its iterator attaching each record's context on the poll thread. */
  private static final class Contextual<K, V> extends ConsumerRecords<K, V> {
    private final ConsumerRecords<K, V> polled;
    private final RecordContextConsumerInterceptor<?, ?> owner;
    private final Thread pollThread;

    // the one constructor that both the 3.x clients of Micronaut's platform and the 4.x clients
    // have; nextOffsets() is answered by the polled records themselves
    @SuppressWarnings("removal")
    Contextual(
        Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition,
        ConsumerRecords<K, V> polled,
        RecordContextConsumerInterceptor<?, ?> owner,
        Thread pollThread) {
      super(byPartition);
      this.polled = polled;
      this.owner = owner;
      this.pollThread = pollThread;
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
      Iterator<ConsumerRecord<K, V>> records = polled.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          if (Thread.currentThread() == pollThread) {
            owner.restore();
          }
          return records.hasNext();
        }

        @Override
        public ConsumerRecord<K, V> next() {
          ConsumerRecord<K, V> record = records.next();
          if (Thread.currentThread() == pollThread) {
            owner.attach(record);
          }
          return record;
        }
      };
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
      return polled.nextOffsets();
    }
  }
}
