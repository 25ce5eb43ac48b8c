package dev.logctx.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * A portable extension that vetoes logctx's decorator of Fault Tolerance's {@code
 * AsyncExecutorProvider}: Fault Tolerance's pool then runs its tasks in whatever MDC its threads
 * have, as before logctx decorated it. For negative controls, and for tests of what {@code
 * @PreserveContext} alone does.
 */
public class WithoutFaultToleranceExecutorDecorator implements Extension {
  static final String DECORATOR = "dev.logctx.cdi.internal.FaultToleranceExecutorDecorator";

  <T> void veto(@Observes ProcessAnnotatedType<T> event) {
    if (event.getAnnotatedType().getJavaClass().getName().equals(DECORATOR)) {
      event.veto();
    }
  }
}
