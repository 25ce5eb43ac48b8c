package dev.logctx.demo.micronaut;

import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the demo's own {@code order-placed} records: logs {@code order event received} on the
 * poll thread and hands one follow-up to the {@code TaskExecutors.BLOCKING} executor, which logs
 * {@code order event follow-up}. No logctx code: logctx-micronaut runs the handling of each record
 * in the context of its headers, so both lines carry the order's {@code request_id} and {@code
 * user_id}.
 */
@KafkaListener(groupId = "order-events", offsetReset = OffsetReset.EARLIEST)
class OrderEventListener {
  /** The consumer's line. */
  static final String RECEIVED = "order event received";

  /** The follow-up's line. */
  static final String FOLLOW_UP = "order event follow-up";

  private static final Logger log = LoggerFactory.getLogger(OrderEventListener.class);

  private final ExecutorService blocking;

  OrderEventListener(@Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.blocking = blocking;
  }

  @Topic(OrderEvents.TOPIC)
  void received(@KafkaKey String orderId, String item) {
    log.atInfo().addKeyValue(FollowUp.ORDER_KEY, orderId).log(RECEIVED);
    blocking.execute(() -> log.atInfo().addKeyValue(FollowUp.ORDER_KEY, orderId).log(FOLLOW_UP));
  }
}
