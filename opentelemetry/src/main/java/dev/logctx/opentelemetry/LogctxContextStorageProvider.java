package dev.logctx.opentelemetry;

import dev.logctx.opentelemetry.internal.TraceKeysStorage;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import java.util.List;

/**
 * An opt-in {@link ContextStorageProvider} for applications that use OpenTelemetry before logctx
 * starts. logctx-opentelemetry registers its storage wrapper (which writes the trace keys into the
 * MDC) when logctx starts; OpenTelemetry applies wrappers only when it first uses its storage. An
 * application whose first OpenTelemetry call comes earlier adds the artifact {@code
 * logctx-opentelemetry-provider} (which holds nothing but that registration), or lists this class
 * in its own {@code META-INF/services/io.opentelemetry.context.ContextStorageProvider}:
 * OpenTelemetry then loads it while it looks up its storage, and its static initialiser registers
 * the wrapper in time. The module itself does not register it (a server's own OpenTelemetry could
 * find the registration through an application's class loader and fail on it; see
 * docs/opentelemetry.md).
 *
 * <p>It never replaces anybody's storage: {@link #get()} returns the storage OpenTelemetry would
 * have used without it, and when OpenTelemetry finds another provider beside it (a framework's) and
 * falls back to its default storage, the wrapper puts that provider's storage back. Once
 * registered, naming it in {@code -Dio.opentelemetry.context.contextStorageProvider} means the
 * same as naming the other provider.
 *
 * <pre>{@code
 * # src/main/resources/META-INF/services/io.opentelemetry.context.ContextStorageProvider
 * dev.logctx.opentelemetry.LogctxContextStorageProvider
 * }</pre>
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
