package dev.logctx.opentelemetry.internal;

import dev.logctx.internal.ContextCarrier;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The context carrier of logctx-opentelemetry (not API), found by logctx-api through {@code
 * META-INF/services/dev.logctx.internal.ContextCarrier}: every logctx snapshot captures {@code
 * Context.current()} with the MDC, and attaching the snapshot makes that context current (the root
 * context for a snapshot that carries none) and the trace keys of the MDC equal its span. Restore
 * closes the OpenTelemetry scope without writing keys: logctx then restores the whole MDC exactly.
 *
 * <p>Loading this class registers logctx-opentelemetry's storage wrapper, in time when logctx starts
 * before OpenTelemetry first uses its storage. When the wrapper is not on the storage (OpenTelemetry
 * came first), attach makes the context current and writes the keys itself, and the first capture
 * logs that once (see docs/opentelemetry.md).
 */
public final class OpenTelemetryCarrier implements ContextCarrier {

  static {
    TraceKeysStorage.install(); // in time when logctx starts before OpenTelemetry's storage
  }

  /**
   * Whether the first capture has checked that OpenTelemetry's storage carries the wrapper (it has
   * chosen its storage by then). A plain field: a few threads may check at once; the report itself
   * is made once.
   */
  private static boolean storageChecked;

  /** Created by logctx-api's service lookup. */
  public OpenTelemetryCarrier() {}

  @Override
  public @Nullable Object capture() {
    Context now = Context.current();
    if (!storageChecked) {
      storageChecked = true;
      TraceKeysStorage.reportIfNotWrapped();
    }
    return now == Context.root() ? null : now;
  }

  @Override
  @SuppressWarnings("MustBeClosedChecker") // the scope is the token: restore(token) closes it
  public @Nullable Object attach(@Nullable Object captured) {
    Context target = captured == null ? Context.root() : (Context) captured;
    if (Context.current() == target) {
      TraceMdc.sync(target); // the snapshot's MDC may have been written without the keys
      return null;
    }
    return TraceKeysStorage.attachForHandoff(target);
  }

  @Override
  public void restore(Object token) {
    ((Scope) token).close();
  }
}
