package dev.logctx.kafka.messaging;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.MdcFailures;
import dev.logctx.kafka.HeaderNames;
import dev.logctx.kafka.RecordContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.MultiOperator;
import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jspecify.annotations.Nullable;

/**
 * Gives each record read from a Kafka channel the logging context of its headers, built and
 * validated by {@link RecordContext#of(org.apache.kafka.common.header.Headers, HeaderNames)}
 * (default header names): the {@code @Incoming} method that receives it — plain, {@code @Blocking},
 * returning a {@code Uni} or a {@code CompletionStage}, a processor — and the failure handling and
 * dead-letter path of the record log with the record's {@code request_id} and {@code user_id}, or
 * with a fresh {@code request_id} when the record carries none or a hostile one.
 *
 * <p>SmallRye Reactive Messaging hands each record to the application on a Vert.x duplicated context
 * of the record's own; where Quarkus keeps the MDC in that context, the record's context is
 * attached there and stays for as long as the record is handled, on whatever thread SmallRye runs
 * the handling. Elsewhere (no Vert.x context, or an MDC kept per thread) the record's context is
 * attached around the synchronous delivery of the record and restored afterwards. Either way many
 * records on one poll thread never see each other's ids.
 *
 * <p>On an emitter's channel it takes each message's context at {@code send}, on the sending
 * thread, as the message's metadata, which every later step reads instead of its own thread's
 * context; the emitter then never has to keep a message back, logctx keeps it until the channel
 * asks for it (without bound: the emitter's overflow strategy no longer applies).
 *
 * <p>On connector channels it runs after SmallRye's own decorator that moves each record to its
 * context. A batch channel (one message for many records) is left alone. Off when {@value
 * MessageContexts#ENABLED} is {@code false}. Nothing here throws into the messaging runtime.
 */
@ApplicationScoped
public class IncomingRecordContextDecorator implements PublisherDecorator {

  /** After SmallRye's {@code ContextDecorator} (0), before its interceptors' decorator (500). */
  static final int PRIORITY = 1;

  @Inject Instance<ChannelRegistry> registry;

  /** Made by CDI. */
  public IncomingRecordContextDecorator() {}

  /**
   * Applied after SmallRye's decorator that dispatches each record on its Vert.x context.
   *
   * @return {@value #PRIORITY}
   */
  @Override
  public int getPriority() {
    return PRIORITY;
  }

  /**
   * Attaches each record's context for its handling, on connector channels.
   *
   * @param publisher the channel's messages
   * @param channelName the channel's names
   * @param isConnector whether the messages come from a connector
   * @return the decorated messages
   */
  @Override
  public Multi<? extends Message<?>> decorate(
      Multi<? extends Message<?>> publisher, List<String> channelName, boolean isConnector) {
    if (!MessageContexts.enabled()) {
      return publisher;
    }
    if (!isConnector) {
      if (!isEmitter(channelName)) {
        return publisher; // a method's output: SmallRye ran the method on the message's context
      }
      return onEmitterChannel(publisher);
    }
    @SuppressWarnings("unchecked") // a decorator hands on what it receives
    Multi<Message<?>> messages = (Multi<Message<?>>) publisher;
    return new InRecordContext(messages);
  }

  /**
   * An emitter's messages, each one taking its sender's context where the emitter hands it on.
   * An emitter keeps what it cannot hand on at once and hands it on later, from whichever thread
   * asks for more: the sender's context would be lost, or another's taken. So each message is
   * taken at once, on the thread that sends it, and kept here instead.
   *
   * <p>The step sees each message on its sender's thread because SmallRye's emitter holds a lock
   * across the whole hand-over in {@code send}: Mutiny's emitter alone would let a thread that is
   * still delivering one sender's message deliver a second sender's queued message too, and the
   * step would then take the first sender's context for it. With that lock the second sender
   * waits, and hands its message on itself.
   */
  static Multi<? extends Message<?>> onEmitterChannel(Multi<? extends Message<?>> publisher) {
    return PerMessage.apply(publisher, OutgoingContextDecorator::atSend)
        .onOverflow()
        .bufferUnconditionally();
  }

  private boolean isEmitter(List<String> channelNames) {
    try {
      if (!registry.isResolvable()) {
        return false;
      }
      Set<String> emitters = registry.get().getEmitterNames();
      for (String name : channelNames) {
        if (emitters.contains(name)) {
          return true;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
    }
    return false;
  }

  /** The context of a Kafka record's headers, or null when {@code message} is not one. */
  static @Nullable LogContext recordContextOf(Message<?> message) {
    try {
      Optional<?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
      if (metadata.isEmpty()) {
        return null;
      }
      return RecordContext.of(
          ((IncomingKafkaRecordMetadata<?, ?>) metadata.get()).getHeaders(), HeaderNames.defaults());
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
      return null; // no context rather than a failed record
    }
  }

  private static final class InRecordContext extends MultiOperator<Message<?>, Message<?>> {
    InRecordContext(Multi<Message<?>> upstream) {
      super(upstream);
    }

    @Override
    public void subscribe(MultiSubscriber<? super Message<?>> subscriber) {
      upstream().subscribe().withSubscriber(new Attaching(subscriber));
    }
  }

  private static final class Attaching extends MultiOperatorProcessor<Message<?>, Message<?>> {
    Attaching(MultiSubscriber<? super Message<?>> downstream) {
      super(downstream);
    }

    @SuppressWarnings("try") // the scope is only closed, as intended
    @Override
    public void onItem(Message<?> message) {
      LogContext record = recordContextOf(message);
      if (record == null) {
        super.onItem(message);
        return;
      }
      Context own = MessageContexts.contextOf(message);
      Scope scope = record.attach();
      if (MessageContexts.mdcLivesIn(own)) {
        // the record's own Vert.x context holds the MDC: it stays the record's for as long as the
        // record is handled, on this thread and on the worker threads of blocking methods
        super.onItem(message);
        return;
      }
      try (scope) {
        super.onItem(message);
      }
    }
  }
}
