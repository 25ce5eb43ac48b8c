package dev.logctx.micronaut;

import dev.logctx.kafka.ContextHeadersProducerInterceptor;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Adds logctx-kafka's {@link ContextHeadersProducerInterceptor} to the {@code interceptor.classes}
 * of every producer configuration of micronaut-kafka (the default one and each {@code
 * kafka.producers.*}), so each record a {@code @KafkaClient} or an injected {@code Producer} sends
 * carries the sending thread's {@code request_id} and {@code user_id} in its headers. Interceptors
 * the application configured stay, before it. No code in the application.
 *
 * <p>Only with micronaut-kafka on the class path; off with {@value
 * LogctxMicronaut#KAFKA_ENABLED_PROPERTY}{@code =false} or {@value
 * LogctxMicronaut#ENABLED_PROPERTY}{@code =false}.
 */
@Singleton
@Requires(classes = KafkaClient.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
@Requires(property = LogctxMicronaut.KAFKA_ENABLED_PROPERTY, notEquals = "false")
public final class KafkaProducerContextConfiguration
    implements BeanCreatedEventListener<AbstractKafkaProducerConfiguration<?, ?>> {

  /** Created by Micronaut. */
  public KafkaProducerContextConfiguration() {}

  /**
   * The configuration, with the interceptor added.
   *
   * @param event the created configuration
   * @return the same configuration
   */
  @Override
  public AbstractKafkaProducerConfiguration<?, ?> onCreated(
      BeanCreatedEvent<AbstractKafkaProducerConfiguration<?, ?>> event) {
    AbstractKafkaProducerConfiguration<?, ?> configuration = event.getBean();
    InterceptorClasses.add(
        configuration.getConfig(),
        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
        ContextHeadersProducerInterceptor.class);
    return configuration;
  }
}
