package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.kafka.HeaderNames;
import dev.logctx.kafka.RecordContext;
import dev.logctx.testsupport.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RecordContextConsumerInterceptor} on the threads that iterate its batches: the poll
 * thread, and a pooled thread the records are handed to. Each is a reused single-thread pool, so
 * a context left behind shows in the next, unrelated line logged there.
 */
class RecordInterceptorCrossThreadTest {

  private static final Logger log = LoggerFactory.getLogger(RecordInterceptorCrossThreadTest.class);
  private static final TopicPartition PARTITION = new TopicPartition("order-placed", 0);

  @RegisterExtension
  final CapturedLog logs =
      CapturedLog.ofLoggers(RecordInterceptorCrossThreadTest.class.getName()).atDebug();

  private final ExecutorService pollThread = Executors.newSingleThreadExecutor();
  private final ExecutorService pooled = Executors.newSingleThreadExecutor();
  private final RecordContextConsumerInterceptor<String, String> interceptor =
      new RecordContextConsumerInterceptor<>();

  @AfterEach
  void stop() throws InterruptedException {
    pollThread.shutdownNow();
    pooled.shutdownNow();
    assertThat(pollThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pooled.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void records_iterated_on_another_thread_and_left_mid_way_leave_no_id_there() throws Exception {
    ConsumerRecords<String, String> handed =
        pollThread.submit(() -> interceptor.onConsume(batch(1, 2))).get(10, TimeUnit.SECONDS);

    pooled
        .submit(
            () -> {
              Iterator<ConsumerRecord<String, String>> records = handed.iterator();
              records.next();
              log.info("record handled on a pooled thread");
              // the listener fails here: no further hasNext() or next()
            })
        .get(10, TimeUnit.SECONDS);
    pollThread.submit(() -> interceptor.onConsume(batch())).get(10, TimeUnit.SECONDS); // next poll
    pooled.submit(() -> log.info("unrelated work")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("unrelated work").requestId())
        .as("the pooled thread's later, unrelated work: %s", logs.lines())
        .isNull();
    assertThat(logs.line("unrelated work").userId()).isNull();
    assertThat(logs.line("record handled on a pooled thread").requestId())
        .as("off the poll thread no record context is attached (missing, never wrong)")
        .isNull();
  }

  @Test
  void on_the_poll_thread_each_record_logs_its_own_ids_and_the_thread_gets_its_mdc_back()
      throws Exception {
    pollThread
        .submit(
            () -> {
              try (Scope own = LogContext.bind("consumer", "order-events")) {
                for (int round = 0; round < 2; round++) {
                  int first = 10 * round + 1;
                  for (ConsumerRecord<String, String> record :
                      interceptor.onConsume(batch(first, first + 1, first + 2))) {
                    log.info("record handled " + record.offset());
                  }
                  log.info("between polls " + round);
                }
              }
            })
        .get(10, TimeUnit.SECONDS);

    for (int round = 0; round < 2; round++) {
      for (int n = 10 * round + 1; n <= 10 * round + 3; n++) {
        Map<String, String> mdc = logs.mdcOf("record handled " + n);
        assertThat(mdc)
            .as("record %d: %s", n, logs.lines())
            .containsEntry("request_id", "req-" + n);
        assertThat(mdc).containsEntry("user_id", user(n)).doesNotContainKey("consumer");
      }
      assertThat(logs.mdcOf("between polls " + round))
          .as("the poll thread after its batch")
          .isEqualTo(Map.of("consumer", "order-events"));
    }
  }

  @Test
  void a_batch_left_mid_way_on_the_poll_thread_is_undone_by_the_next_poll_and_by_close()
      throws Exception {
    pollThread
        .submit(
            () -> {
              for (ConsumerRecord<String, String> record : interceptor.onConsume(batch(1, 2, 3))) {
                log.info("record handled " + record.offset());
                if (record.offset() == 2) {
                  break; // a listener failure, error strategy NONE
                }
              }
              interceptor.onConsume(batch());
              log.info("after the next poll");
              Iterator<ConsumerRecord<String, String>> left =
                  interceptor.onConsume(batch(4)).iterator();
              left.next();
              log.info("record handled 4");
              interceptor.close(); // the consumer closed after a wakeup, on its poll thread
              log.info("after close");
            })
        .get(10, TimeUnit.SECONDS);
    pollThread.submit(() -> log.info("unrelated work")).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("record handled 2")).containsEntry("request_id", "req-2");
    assertThat(logs.mdcOf("record handled 4")).containsEntry("request_id", "req-4");
    assertThat(logs.line("after the next poll").requestId()).as("%s", logs.lines()).isNull();
    assertThat(logs.line("after close").requestId()).isNull();
    assertThat(logs.line("unrelated work").requestId()).isNull();
  }

  @Test
  void close_or_a_poll_on_another_thread_changes_nothing_on_either_thread() throws Exception {
    ConsumerRecords<String, String> handed =
        pollThread.submit(() -> interceptor.onConsume(batch(5))).get(10, TimeUnit.SECONDS);
    pollThread
        .submit(
            () -> {
              handed.iterator().next();
              log.info("record handled 5");
            })
        .get(10, TimeUnit.SECONDS);
    pooled
        .submit(
            () -> {
              interceptor.onConsume(batch());
              interceptor.close();
              log.info("closed elsewhere");
            })
        .get(10, TimeUnit.SECONDS);
    pollThread
        .submit(() -> log.info("poll thread after a close elsewhere"))
        .get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("record handled 5")).containsEntry("request_id", "req-5");
    assertThat(logs.line("closed elsewhere").requestId()).isNull();
    assertThat(logs.mdcOf("poll thread after a close elsewhere"))
        .as("a scope is closed only where it was opened; the poll thread restores it itself")
        .containsEntry("request_id", "req-5");
    pollThread.submit(interceptor::close).get(10, TimeUnit.SECONDS);
    pollThread.submit(() -> log.info("poll thread after its own close")).get(10, TimeUnit.SECONDS);
    assertThat(logs.line("poll thread after its own close").requestId()).isNull();
  }

  @Test
  void negative_control_the_records_as_polled_carry_no_context_and_a_leak_would_show()
      throws Exception {
    ConsumerRecords<String, String> polled = batch(7);
    pollThread
        .submit(
            () -> {
              for (ConsumerRecord<String, String> record : polled) {
                log.info("record handled without the interceptor " + record.offset());
              }
            })
        .get(10, TimeUnit.SECONDS);
    pooled
        .submit(
            () -> {
              // what the iterator did off the poll thread: an attach nobody closes there
              RecordContext.of(polled.iterator().next()).attach();
              log.info("record handled with its scope left open");
            })
        .get(10, TimeUnit.SECONDS);
    pooled.submit(() -> log.info("unrelated work after a leak")).get(10, TimeUnit.SECONDS);

    assertThat(logs.line("record handled without the interceptor 7").requestId()).isNull();
    assertThat(logs.line("unrelated work after a leak").requestId())
        .as("this capture sees a context left on the reused pooled thread")
        .isEqualTo("req-7");
  }

  /** Records {@code req-<n>} / {@code alice} or {@code bob}, offset {@code n}, in one partition. */
  private static ConsumerRecords<String, String> batch(int... offsets) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    for (int n : offsets) {
      ConsumerRecord<String, String> record =
          new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), n, "k", "v");
      record
          .headers()
          .add(HeaderNames.DEFAULT_REQUEST_ID_HEADER, ("req-" + n).getBytes(StandardCharsets.UTF_8))
          .add(HeaderNames.DEFAULT_USER_ID_HEADER, user(n).getBytes(StandardCharsets.UTF_8));
      records.add(record);
    }
    return polled(records.isEmpty() ? Map.of() : Map.of(PARTITION, records));
  }

  @SuppressWarnings("removal") // the constructor both the 3.x and the 4.x clients have
  private static ConsumerRecords<String, String> polled(
      Map<TopicPartition, List<ConsumerRecord<String, String>>> records) {
    return new ConsumerRecords<>(records);
  }

  private static String user(int n) {
    return n % 2 == 0 ? "alice" : "bob";
  }
}
