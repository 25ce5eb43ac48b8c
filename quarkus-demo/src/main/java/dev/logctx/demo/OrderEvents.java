package dev.logctx.demo;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code order-placed} event of each order, published to Kafka from the request and consumed in
 * this same application. No logctx code here: the logctx-kafka-messaging dependency alone makes
 * the record carry the request's {@code request_id} and {@code user_id} in its headers, and makes
 * the consumer — and the follow-up it hands to the {@link ManagedExecutor} — log with them.
 *
 * <p>The way of a record: {@link #publish} (called in the request) sends the order id to the
 * in-memory channel {@code order-events}; {@link #toKafka}, an {@code @Incoming}/{@code @Outgoing}
 * method, logs and hands it to the Kafka channel {@code order-placed-out} (topic {@code
 * order-placed}); {@link #received} reads the topic through the channel {@code order-placed}.
 */
@ApplicationScoped
public class OrderEvents {
  private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

  /** The line the consumer logs for each record. */
  static final String RECEIVED = "order event received";

  /** The line of the follow-up the consumer hands to the executor. */
  static final String FOLLOW_UP = "order event handled by the executor";

  @Inject
  @Channel("order-events")
  Emitter<String> events;

  @Inject ManagedExecutor executor;

  @ConfigProperty(name = "demo.order-events.enabled", defaultValue = "true")
  boolean enabled;

  /** Publishes the {@code order-placed} event of {@code order}; call it in the request. */
  void publish(Order order) {
    if (enabled) {
      events.send(order.orderId());
    }
  }

  /** Between the request and Kafka: logs, and passes the order id on. */
  @Incoming("order-events")
  @Outgoing("order-placed-out")
  String toKafka(String orderId) {
    log.info("order event published: {}", orderId);
    return orderId;
  }

  /** The consumer: logs the event and hands one follow-up to the executor. */
  @Incoming("order-placed")
  @Blocking
  void received(String orderId) {
    log.info(RECEIVED + ": {}", orderId);
    executor.execute(() -> log.info(FOLLOW_UP + ": {}", orderId));
  }
}
