package dev.logctx.micronaut;

import dev.logctx.ContextualExecutors;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Decorates every executor bean declared as exactly {@code ExecutorService} or {@code
 * ScheduledExecutorService} — Micronaut's {@code TaskExecutors.IO}, {@code BLOCKING}, {@code
 * SCHEDULED} and the application's — with {@link ContextualExecutors#wrap(ExecutorService)}, so
 * each task runs in the MDC of the moment it was submitted, and restores the pool thread after it.
 *
 * <p>Ordered last ({@link Ordered#LOWEST_PRECEDENCE}), so the decoration sits outside Micronaut's
 * own instrumentation: Micronaut's wrapper re-applies the propagated context of the submission
 * (with its {@code MdcPropagationContext}, the MDC as it was when the request filter ran), and then
 * logctx's snapshot of the submission moment is attached inside it, the last word before the task.
 * Beans of other types (a {@code ThreadPoolExecutor}, Netty's event loops) are left alone.
 * Idempotent: a bean wrapped already is returned unchanged. Off with {@code
 * logctx.micronaut.enabled=false}. Scheduled tasks get the MDC of the moment they are scheduled,
 * and a task leaves a reused pool thread with the MDC it found there.
 */
@Singleton
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class ContextualExecutorBeans
    implements BeanCreatedEventListener<ExecutorService>, Ordered {

  /** Created by Micronaut. */
  public ContextualExecutorBeans() {}

  /**
   * {@link Ordered#LOWEST_PRECEDENCE}: after every other listener.
   *
   * @return the listener's order
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /**
   * The contextual executor for an {@code ExecutorService} or {@code ScheduledExecutorService}
   * bean, the bean itself for any other type.
   *
   * @param event the created bean
   * @return the bean to use
   */
  @Override
  public ExecutorService onCreated(BeanCreatedEvent<ExecutorService> event) {
    Class<?> type = event.getBeanDefinition().getBeanType();
    ExecutorService bean = event.getBean();
    if (type != ExecutorService.class && type != ScheduledExecutorService.class) {
      return bean;
    }
    if (bean instanceof ScheduledExecutorService) {
      return ContextualExecutors.wrap((ScheduledExecutorService) bean);
    }
    return ContextualExecutors.wrap(bean);
  }
}
