package dev.logctx.micronaut;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Kafka beans of the tests: plain {@code @KafkaListener} beans that never touch logctx or the
 * record's headers, as an application writes them, and a {@code @KafkaClient} that sends from the
 * caller's thread. Created only with {@value KafkaTestBroker#LISTENERS_PROPERTY}{@code =true}.
 */
final class KafkaRecordListeners {
  static final String RECORDS = "logctx-records";
  static final String EXECUTE_ON = "logctx-records-execute-on";
  static final String REACTIVE = "logctx-records-reactive";
  static final String FAILING = "logctx-records-failing";
  static final String FAILING_DEFAULT_HANDLER = "logctx-records-failing-default";
  static final String FOLLOW_UPS = "kafka-follow-ups";

  private static final Logger log = LoggerFactory.getLogger(KafkaRecordListeners.class);

  private KafkaRecordListeners() {}

  /** Sends from the calling thread; logctx's producer interceptor adds the headers. */
  @KafkaClient
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  interface Sender {
    void send(@Topic String topic, @KafkaKey String key, String value);
  }

  /** A single-thread pool declared as {@code ExecutorService}: logctx-micronaut wraps it. */
  @Factory
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class FollowUpPool {
    @Singleton
    @Named(FOLLOW_UPS)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService followUps() {
      return Executors.newSingleThreadExecutor(task -> new Thread(task, "kafka-follow-up"));
    }
  }

  /** Logs each record on the poll thread and hands one follow-up to a reused pool thread. */
  @KafkaListener(groupId = "logctx-records", offsetReset = OffsetReset.EARLIEST)
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class Records {
    private final ExecutorService followUps;

    Records(@Named(FOLLOW_UPS) ExecutorService followUps) {
      this.followUps = followUps;
    }

    @Topic(RECORDS)
    void receive(@KafkaKey String key, String value) {
      log.info("record received {}", key);
      followUps.execute(() -> log.info("record follow-up {}", key));
    }
  }

  /** A listener method with {@code @ExecuteOn}. */
  @KafkaListener(groupId = "logctx-records-execute-on", offsetReset = OffsetReset.EARLIEST)
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class ExecutedOn {
    @Topic(EXECUTE_ON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    void receive(@KafkaKey String key, String value) {
      log.info("execute-on record received {}", key);
    }
  }

  /** A listener that returns a {@code Mono} which runs on Reactor's boundedElastic scheduler. */
  @KafkaListener(groupId = "logctx-records-reactive", offsetReset = OffsetReset.EARLIEST)
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class Reactive {
    @Topic(REACTIVE)
    Mono<Void> receive(@KafkaKey String key, String value) {
      return Mono.fromRunnable(() -> log.info("reactive record received {}", key))
          .subscribeOn(Schedulers.boundedElastic())
          .then();
    }
  }

  /** A listener that fails on every record, and is its own exception handler. */
  @KafkaListener(
      groupId = "logctx-records-failing",
      offsetReset = OffsetReset.EARLIEST,
      errorStrategy = @ErrorStrategy(ErrorStrategyValue.RESUME_AT_NEXT_RECORD))
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class Failing implements KafkaListenerExceptionHandler {
    @Topic(FAILING)
    void receive(@KafkaKey String key, String value) {
      throw new IllegalStateException("refused " + key);
    }

    @Override
    public void handle(KafkaListenerException exception) {
      log.info(
          "handler saw {}",
          exception.getConsumerRecord().map(record -> String.valueOf(record.key())).orElse("?"));
    }
  }

  /** A listener that fails, handled by micronaut-kafka's default exception handler. */
  @KafkaListener(
      groupId = "logctx-records-failing-default",
      offsetReset = OffsetReset.EARLIEST,
      errorStrategy = @ErrorStrategy(ErrorStrategyValue.RESUME_AT_NEXT_RECORD))
  @Requires(property = KafkaTestBroker.LISTENERS_PROPERTY, value = "true")
  static class FailingWithDefaultHandler {
    @Topic(FAILING_DEFAULT_HANDLER)
    void receive(@KafkaKey String key, String value) {
      throw new IllegalStateException("refused " + key);
    }
  }
}
