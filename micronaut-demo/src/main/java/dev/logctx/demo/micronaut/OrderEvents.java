package dev.logctx.demo.micronaut;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes an {@code order-placed} record for each order, keyed by the order id. No header code:
 * logctx-micronaut adds logctx-kafka's producer interceptor to micronaut-kafka's producers, which
 * writes the sending thread's {@code request_id} and {@code user_id} into the record's headers.
 */
@KafkaClient
interface OrderEvents {
  /** The topic: {@value}. */
  String TOPIC = "order-placed";

  /** Sends without waiting for the broker; the headers are written on the calling thread. */
  @Topic(TOPIC)
  CompletableFuture<RecordMetadata> placed(@KafkaKey String orderId, String item);
}
