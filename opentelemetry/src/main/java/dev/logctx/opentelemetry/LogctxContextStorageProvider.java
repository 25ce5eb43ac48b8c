package dev.logctx.opentelemetry;

import dev.logctx.opentelemetry.internal.TraceKeysStorage;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import java.util.List;

/**
 * The {@link ContextStorageProvider} of logctx-opentelemetry, registered in {@code
 * META-INF/services}. Its only job is to be loaded while OpenTelemetry looks up its storage, so that
 * logctx's storage wrapper (which writes the trace keys into the MDC) is registered in time. It
 * never replaces anybody's storage: {@link #get()} returns the storage OpenTelemetry would have
 * used without it, and when OpenTelemetry finds a second provider (Quarkus's, say) and falls back
 * to its default storage, the wrapper puts that provider's storage back (see docs/opentelemetry.md).
 *
 * <p>Applications do not use this class. Naming it in {@code
 * -Dio.opentelemetry.context.contextStorageProvider} is allowed and means the same as naming the
 * other provider.
 */
public final class LogctxContextStorageProvider implements ContextStorageProvider {

  static {
    TraceKeysStorage.install();
  }

  /** Created by OpenTelemetry's service lookup. */
  public LogctxContextStorageProvider() {}

  /**
   * The storage OpenTelemetry would have chosen without this provider: the one other registered
   * provider's (opentelemetry-sdk-testing's left aside), else OpenTelemetry's default storage.
   *
   * @return that storage, which logctx's wrapper then wraps
   */
  @Override
  public ContextStorage get() {
    List<ContextStorageProvider> others = TraceKeysStorage.otherProviders();
    return others.size() == 1 ? others.get(0).get() : ContextStorage.defaultStorage();
  }
}
