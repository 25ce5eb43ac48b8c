/**
 * logctx-kafka for SmallRye Reactive Messaging (Quarkus {@code quarkus-messaging-kafka}): CDI beans
 * that the messaging runtime finds by itself, so the application adds the dependency and nothing
 * else. {@link dev.logctx.kafka.messaging.IncomingRecordContextDecorator} gives each record read
 * from a Kafka channel the context of its headers; {@link
 * dev.logctx.kafka.messaging.OutgoingContextDecorator} writes the sending code's context into the
 * headers of each message written to a Kafka channel.
 */
@NullMarked
package dev.logctx.kafka.messaging;

import org.jspecify.annotations.NullMarked;
