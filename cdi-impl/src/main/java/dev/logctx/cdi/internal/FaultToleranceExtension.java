package dev.logctx.cdi.internal;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * A portable extension (Weld, OpenWebBeans; Quarkus ArC does not run portable extensions and has
 * no need of it) that, where SmallRye Fault Tolerance is on the class path, adds {@link
 * FaultToleranceExecutorDecorator} as a decorator of Fault Tolerance's {@code
 * AsyncExecutorProvider}: Fault Tolerance's pool then runs each task in the MDC of the thread that
 * submitted it. Where Fault Tolerance is absent it adds nothing and loads no Fault Tolerance class.
 * A decorator, rather than an alternative pool, so that whichever bean provides the pool (Fault
 * Tolerance's default, or an integrator's alternative) stays in charge of it.
 *
 * <p>Registered as a {@code jakarta.enterprise.inject.spi.Extension} service; needs the CDI API to
 * load, which every container brings.
 */
public final class FaultToleranceExtension implements Extension {
  private static final String ASYNC_EXECUTOR_PROVIDER =
      "io.smallrye.faulttolerance.AsyncExecutorProvider";

  /** Created by the CDI container. */
  public FaultToleranceExtension() {}

  void addExecutorDecorator(@Observes BeforeBeanDiscovery event) {
    if (faultTolerancePresent()) {
      event.addAnnotatedType(
          FaultToleranceExecutorDecorator.class, FaultToleranceExecutorDecorator.class.getName());
    }
  }

  private static boolean faultTolerancePresent() {
    try {
      Class.forName(
          ASYNC_EXECUTOR_PROVIDER, false, FaultToleranceExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
