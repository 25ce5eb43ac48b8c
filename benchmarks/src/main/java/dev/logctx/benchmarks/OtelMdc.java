package dev.logctx.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Contender (h), a reference rather than an MDC propagator: OpenTelemetry's {@link Context}, an
 * immutable context kept in one thread-local and swapped in O(1) around the task. The caller puts
 * a copy of its MDC into the current context and wraps the task with it; the task reads the value
 * from {@code Context.current()}, not from the MDC, as a log appender that reads the OTel context
 * at log time would. It shows what a ThreadLocal scope costs when nothing is copied on the worker.
 */
final class OtelMdc {
  static final ContextKey<Map<String, String>> MDC_KEY = ContextKey.named("logctx-benchmark-mdc");

  private OtelMdc() {}

  /** On the caller: the current OTel context with a copy of this thread's MDC, wrapping {@code task}. */
  static Runnable wrap(Runnable task) {
    @Nullable Map<String, String> mdc = MDC.getCopyOfContextMap();
    Context context = Context.current();
    return (mdc == null ? context : context.with(MDC_KEY, mdc)).wrap(task);
  }

  /** The work body of (h): reads the carried map from the OTel context. */
  static final class ContextProbe extends Probe {
    @Override
    @Nullable String read(String key) {
      @Nullable Map<String, String> mdc = Context.current().get(MDC_KEY);
      return mdc == null ? null : mdc.get(key);
    }
  }
}
