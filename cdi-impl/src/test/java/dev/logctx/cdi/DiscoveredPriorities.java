package dev.logctx.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A portable extension that records, for every interceptor the container deploys, the {@code
 * @Priority} on the annotated type the container really used (after every extension, Fault
 * Tolerance's included, had its say).
 */
public class DiscoveredPriorities implements Extension {
  private final Map<Class<?>, Integer> priorities = new ConcurrentHashMap<>();

  <T> void record(@Observes ProcessBean<T> event) {
    if (event.getBean() instanceof Interceptor) {
      Priority priority = event.getAnnotated().getAnnotation(Priority.class);
      if (priority != null) {
        priorities.put(event.getBean().getBeanClass(), priority.value());
      }
    }
  }

  /** The priority the container saw on {@code interceptor}'s class. */
  int of(Class<?> interceptor) {
    Integer priority = priorities.get(interceptor);
    if (priority == null) {
      throw new AssertionError(
          "no interceptor " + interceptor.getName() + " with @Priority deployed: " + priorities);
    }
    return priority;
  }
}
