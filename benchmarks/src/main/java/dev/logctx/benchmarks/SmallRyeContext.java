package dev.logctx.benchmarks;

import dev.logctx.cdi.LogContextProvider;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Contender (e): MicroProfile Context Propagation as SmallRye implements it, standalone (no CDI,
 * MP Config from smallrye-config), with logctx's {@link LogContextProvider} found through {@code
 * META-INF/services}. {@code contextualRunnable} captures every propagated provider's snapshot on
 * the caller and begins/ends them around the task.
 */
final class SmallRyeContext {
  /** Propagates the logging context, clears every other context type SmallRye knows. */
  static final ThreadContext THREAD_CONTEXT =
      ThreadContext.builder()
          .propagated(LogContextProvider.CONTEXT_TYPE)
          .unchanged()
          .cleared(ThreadContext.ALL_REMAINING)
          .build();

  /**
   * Propagates no context type at all: what SmallRye's {@code contextualRunnable} costs by itself,
   * so that (e) minus this is the share of logctx's provider.
   */
  static final ThreadContext NOTHING_PROPAGATED =
      ThreadContext.builder()
          .propagated()
          .cleared()
          .unchanged(ThreadContext.ALL_REMAINING)
          .build();

  private SmallRyeContext() {}
}
