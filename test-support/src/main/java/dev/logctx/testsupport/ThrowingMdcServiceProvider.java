package dev.logctx.testsupport;

import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the tests that prove an MDC adapter failing under logctx never fails the
 * work: the backend found on the class path (logback's own provider when present), with its MDC
 * adapter wrapped in a {@link ThrowingMdcAdapter}. Chosen with {@code
 * -Dslf4j.provider=dev.logctx.testsupport.ThrowingMdcServiceProvider}; the backend's loggers keep
 * the backend's own adapter, so log lines are written as usual.
 */
public final class ThrowingMdcServiceProvider implements SLF4JServiceProvider {
  private static final String LOGBACK = "ch.qos.logback.classic.spi.LogbackServiceProvider";

  private final SLF4JServiceProvider backend;
  private @Nullable ThrowingMdcAdapter mdc;

  /** Called by SLF4J through reflection. */
  public ThrowingMdcServiceProvider() {
    SLF4JServiceProvider found = null;
    for (SLF4JServiceProvider provider :
        ServiceLoader.load(SLF4JServiceProvider.class, getClass().getClassLoader())) {
      if (provider.getClass() == getClass()) {
        continue;
      }
      if (found == null || provider.getClass().getName().equals(LOGBACK)) {
        found = provider;
      }
    }
    if (found == null) {
      throw new IllegalStateException("no SLF4J provider to wrap on the class path");
    }
    this.backend = found;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return backend.getLoggerFactory();
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return backend.getMarkerFactory();
  }

  /** SLF4J asks for the adapter before it initialises the provider: made on first request. */
  @Override
  public synchronized MDCAdapter getMDCAdapter() {
    ThrowingMdcAdapter adapter = mdc;
    if (adapter == null) {
      adapter = new ThrowingMdcAdapter(backend.getMDCAdapter());
      mdc = adapter;
    }
    return adapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return backend.getRequestedApiVersion();
  }

  @Override
  public void initialize() {
    backend.initialize();
  }
}
