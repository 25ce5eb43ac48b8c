package dev.logctx.cdi;

import java.util.Map;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * A second provider, registered in the tests' {@code META-INF/services}, whose type is {@code
 * "MDC"}, the name another framework (Quarkus) may give its own provider. It propagates a plain
 * thread local, so that tests can see it working next to logctx's provider.
 */
public final class ForeignMdcTypeProvider implements ThreadContextProvider {
  static final ThreadLocal<@Nullable String> TENANT = new ThreadLocal<>();

  /** Created by the service loader. */
  public ForeignMdcTypeProvider() {}

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    return snapshotOf(TENANT.get());
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return snapshotOf(null);
  }

  private static ThreadContextSnapshot snapshotOf(@Nullable String tenant) {
    return () -> {
      String previous = TENANT.get();
      TENANT.set(tenant);
      ThreadContextController restore = () -> TENANT.set(previous);
      return restore;
    };
  }

  @Override
  public String getThreadContextType() {
    return "MDC";
  }
}
