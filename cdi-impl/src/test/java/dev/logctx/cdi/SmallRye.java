package dev.logctx.cdi;

import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.context.SmallRyeManagedExecutor;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.context.ManagedExecutor;

/** SmallRye Context Propagation set-ups the tests share. */
final class SmallRye {
  private SmallRye() {}

  /**
   * The negative control: SmallRye Context Propagation with every provider but logctx's (here the
   * test's "MDC" type provider), as an application without logctx has it.
   */
  static final SmallRyeContextManager WITHOUT_LOGCTX =
      SmallRyeContextManagerProvider.instance()
          .getContextManagerBuilder()
          .withThreadContextProviders(new ForeignMdcTypeProvider())
          .build();

  /** The builder, set to run tasks on {@code pool} (a reused single thread) instead of its own. */
  static ManagedExecutor.Builder onPool(ManagedExecutor.Builder builder, ExecutorService pool) {
    return ((SmallRyeManagedExecutor.Builder) builder).withExecutorService(pool);
  }
}
