package dev.logctx.demo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other shapes of Kafka consumers, each on its own channel of the topic {@code paths} (its own
 * consumer group): each logs {@code path <name>: <payload>}. No logctx code.
 */
@ApplicationScoped
public class MessagingPaths {
  private static final Logger log = LoggerFactory.getLogger(MessagingPaths.class);

  /** The payload that makes {@link #failing} throw. */
  static final String POISON = "poison";

  @Inject ManagedExecutor executor;

  @Incoming("path-uni")
  Uni<Void> uni(String payload) {
    log.info("path uni: {}", payload);
    return Uni.createFrom().voidItem();
  }

  @Incoming("path-stage")
  CompletionStage<Void> stage(String payload) {
    return executor.runAsync(() -> log.info("path stage: {}", payload));
  }

  @Incoming("path-processor")
  @Outgoing("path-processed")
  String processor(String payload) {
    log.info("path processor: {}", payload);
    return payload;
  }

  @Incoming("path-processed")
  void processed(String payload) {
    log.info("path processed: {}", payload);
  }

  @Incoming("path-failing")
  void failing(String payload) {
    log.info("path failing: {}", payload);
    if (payload.startsWith(POISON)) {
      throw new IllegalStateException("refused " + payload);
    }
  }
}
