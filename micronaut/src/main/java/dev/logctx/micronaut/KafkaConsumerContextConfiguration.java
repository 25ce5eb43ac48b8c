package dev.logctx.micronaut;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Adds {@link RecordContextConsumerInterceptor} to the {@code interceptor.classes} of every
 * consumer configuration of micronaut-kafka (the default one and each {@code kafka.consumers.*}),
 * so each {@code @KafkaListener} consumer handles every record in the context of its headers.
 * Interceptors the application configured stay, before it. No code in the application.
 *
 * <p>Only with micronaut-kafka on the class path; off with {@value
 * LogctxMicronaut#KAFKA_ENABLED_PROPERTY}{@code =false} or {@value
 * LogctxMicronaut#ENABLED_PROPERTY}{@code =false}.
 */
@Singleton
@Requires(classes = KafkaListener.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
@Requires(property = LogctxMicronaut.KAFKA_ENABLED_PROPERTY, notEquals = "false")
public final class KafkaConsumerContextConfiguration
    implements BeanCreatedEventListener<AbstractKafkaConsumerConfiguration<?, ?>> {

  /** Created by Micronaut. */
  public KafkaConsumerContextConfiguration() {}

  /**
   * The configuration, with the interceptor added.
   *
   * @param event the created configuration
   * @return the same configuration
   */
  @Override
  public AbstractKafkaConsumerConfiguration<?, ?> onCreated(
      BeanCreatedEvent<AbstractKafkaConsumerConfiguration<?, ?>> event) {
    AbstractKafkaConsumerConfiguration<?, ?> configuration = event.getBean();
    InterceptorClasses.add(
        configuration.getConfig(),
        ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
        RecordContextConsumerInterceptor.class);
    return configuration;
  }
}
