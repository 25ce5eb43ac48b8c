package dev.logctx.benchmarks;

import dev.logctx.micrometer.LogContextAccessor;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

/**
 * Contenders (f2) and (i): Micrometer context-propagation's {@code ContextSnapshot} (capture with a
 * {@code ContextSnapshotFactory}, then {@code setThreadLocals()} opened and closed around the
 * work) with the MDC accessor Micrometer ships, {@code Slf4jThreadLocalAccessor} (the whole MDC),
 * and with logctx-micrometer's {@code LogContextAccessor}. Each factory knows only its accessor, as
 * an application that registers one would have.
 */
final class MicrometerSnapshots {
  /** (f2) Micrometer's MDC accessor: a copy of the map at capture, {@code setContextMap} at set. */
  static final ContextSnapshotFactory SLF4J = factory(new Slf4jThreadLocalAccessor());

  /** (i) logctx-micrometer's accessor: logctx's snapshot, attach and restore. */
  static final ContextSnapshotFactory LOGCTX = factory(new LogContextAccessor());

  private MicrometerSnapshots() {}

  private static ContextSnapshotFactory factory(ThreadLocalAccessor<?> accessor) {
    return ContextSnapshotFactory.builder()
        .contextRegistry(new ContextRegistry().registerThreadLocalAccessor(accessor))
        .build();
  }
}
