package dev.logctx.kafka.messaging;

import dev.logctx.LogContext;
import dev.logctx.internal.MdcFailures;
import dev.logctx.kafka.HeaderNames;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries the context of the code that sends a message: on a Kafka channel, the message's record
 * gets one header for each MDC key of {@link HeaderNames#defaults()} that the context holds
 * ({@code X-Request-ID}, {@code X-User-ID}), none of them if the application set one itself.
 *
 * <p>The context is the sender's, never the one of the thread that happens to hand the message on
 * here (a connector's thread, or one that asked the channel for more): for a message sent through
 * an emitter, the context {@link IncomingRecordContextDecorator} took on the thread that called
 * {@code send}; else the message's own Vert.x context when a method SmallRye ran there produced it
 * (a processor, whose input record's context is its MDC); else, for a message without a Vert.x
 * context that no emitter sent (a generator method's), the context of the thread where it first
 * passes a decorator; else nothing. A message sent from a request to an in-memory channel takes
 * the request's context into its own Vert.x context, so the {@code @Incoming}/{@code @Outgoing}
 * method that receives it logs with the request's ids, and what it writes to Kafka carries them.
 *
 * <p>Off when {@value MessageContexts#ENABLED} is {@code false}. Nothing here throws into the
 * messaging runtime: a message whose headers cannot be written goes out as it came.
 */
@ApplicationScoped
public class OutgoingContextDecorator implements SubscriberDecorator {

  /** Early: the first decorator to see a message, on the thread that sent it. */
  static final int PRIORITY = 1;

  /** Made by CDI. */
  public OutgoingContextDecorator() {}

  /**
   * Among the first decorators, so that it sees a message where it was sent.
   *
   * @return {@value #PRIORITY}
   */
  @Override
  public int getPriority() {
    return PRIORITY;
  }

  /**
   * Takes the sender's context into each message; on a Kafka channel, into its headers.
   *
   * @param toBeSubscribed the messages on their way to a method or a connector
   * @param channelName the channel's names
   * @param isConnector whether the messages go to a connector
   * @return the decorated messages
   */
  @Override
  public Multi<? extends Message<?>> decorate(
      Multi<? extends Message<?>> toBeSubscribed, List<String> channelName, boolean isConnector) {
    if (!MessageContexts.enabled()) {
      return toBeSubscribed;
    }
    return PerMessage.apply(
        toBeSubscribed,
        isConnector ? OutgoingContextDecorator::withContextHeaders : OutgoingContextDecorator::carry);
  }

  /**
   * Where a step after the sending sees {@code message}: a message without a Vert.x context of its
   * own and without a sender's context gets the context where it passes as metadata, so that it
   * is still that one when the message is handed on later, from another thread. Nothing is written
   * into a message's Vert.x context here: this may run on a thread that is not the sender's.
   */
  static Message<?> carry(Message<?> message) {
    try {
      if (message.getMetadata(SentIn.class).isEmpty()
          && MessageContexts.contextOf(message) == null) {
        return message.addMetadata(new SentIn(LogContext.current()));
      }
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
    }
    return message;
  }

  /**
   * On the thread that sends {@code message} through an emitter: the sender's context, taken now
   * (see {@link MessageContexts#takenAtSend}), goes with the message as metadata, and into the
   * message's own Vert.x context where that keeps the MDC and holds none yet.
   */
  static Message<?> atSend(Message<?> message) {
    try {
      if (message.getMetadata(SentIn.class).isPresent()) {
        return message; // sent again: the first sender's
      }
      return message.addMetadata(new SentIn(MessageContexts.takenAtSend(message)));
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
      return message;
    }
  }

  /**
   * The context a message was sent in, taken on the sending thread: at an emitter's {@code send},
   * or where a message without a Vert.x context of its own first passed a step.
   */
  record SentIn(LogContext context) {}

  /** {@code message} with the headers of the context it carries, or itself. */
  static Message<?> withContextHeaders(Message<?> message) {
    try {
      Optional<SentIn> sentIn = message.getMetadata(SentIn.class);
      LogContext context =
          sentIn.isPresent() ? sentIn.get().context() : MessageContexts.carriedBy(message);
      if (context.isEmpty() || message.getPayload() instanceof ProducerRecord) {
        return message; // nothing to carry, or a record the application built (headers its own)
      }
      @SuppressWarnings("unchecked")
      Optional<OutgoingKafkaRecordMetadata<Object>> existing =
          message.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> m);
      Headers headers =
          existing.isPresent() && existing.get().getHeaders() != null
              ? new RecordHeaders(existing.get().getHeaders().toArray())
              : new RecordHeaders();
      HeaderNames.defaults().addTo(headers, context);
      OutgoingKafkaRecordMetadata<Object> metadata =
          existing.isPresent()
              ? OutgoingKafkaRecordMetadata.from(existing.get()).withHeaders(headers).build()
              : OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build();
      return message.addMetadata(metadata);
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
      return message;
    }
  }
}
