package dev.logctx.kafka.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.MultiOperator;
import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies a step to each message where it passes, on the thread and in the context that hand it
 * on. Not Mutiny's {@code map}/{@code invoke}: Quarkus wraps their callbacks in the context
 * captured when the stream was assembled (at start-up), which would hide the sender's context.
 */
final class PerMessage extends MultiOperator<Message<?>, Message<?>> {
  private final UnaryOperator<Message<?>> step;

  private PerMessage(Multi<Message<?>> upstream, UnaryOperator<Message<?>> step) {
    super(upstream);
    this.step = step;
  }

  /** {@code messages}, each one passed through {@code step} as it goes by. */
  static Multi<? extends Message<?>> apply(
      Multi<? extends Message<?>> messages, UnaryOperator<Message<?>> step) {
    @SuppressWarnings("unchecked") // a decorator hands on what it receives
    Multi<Message<?>> upstream = (Multi<Message<?>>) messages;
    return new PerMessage(upstream, step);
  }

  @Override
  public void subscribe(MultiSubscriber<? super Message<?>> subscriber) {
    upstream().subscribe().withSubscriber(new Step(subscriber, step));
  }

  private static final class Step extends MultiOperatorProcessor<Message<?>, Message<?>> {
    private final UnaryOperator<Message<?>> step;

    Step(MultiSubscriber<? super Message<?>> downstream, UnaryOperator<Message<?>> step) {
      super(downstream);
      this.step = step;
    }

    @Override
    public void onItem(Message<?> message) {
      super.onItem(step.apply(message));
    }
  }
}
