package dev.logctx.opentelemetry.compose;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A framework's own storage provider, as Quarkus registers one: its storage counts the attaches
 * that go through it. Registered only in the execution "with-another-storage-provider".
 */
public final class FrameworkStorageProvider implements ContextStorageProvider {

  /** The framework's storage: OpenTelemetry's default one, counted. */
  public static final FrameworkStorage STORAGE = new FrameworkStorage();

  @Override
  public ContextStorage get() {
    return STORAGE;
  }

  /** Counts attaches and delegates them to OpenTelemetry's default storage. */
  public static final class FrameworkStorage implements ContextStorage {
    /** Attaches seen so far. */
    public final AtomicInteger attaches = new AtomicInteger();

    @Override
    public Scope attach(Context toAttach) {
      attaches.incrementAndGet();
      return ContextStorage.defaultStorage().attach(toAttach);
    }

    @Override
    public @Nullable Context current() {
      return ContextStorage.defaultStorage().current();
    }

    @Override
    public String toString() {
      return "FrameworkStorage";
    }
  }
}
