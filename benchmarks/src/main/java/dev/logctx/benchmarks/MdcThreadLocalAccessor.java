package dev.logctx.benchmarks;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Contender (f): Micrometer context-propagation with the MDC accessor its users write (Micrometer
 * ships none): read a copy, write with {@code setContextMap}, clear when there is nothing.
 */
final class MdcThreadLocalAccessor implements ThreadLocalAccessor<Map<String, String>> {
  static final String KEY = "mdc";

  /** A factory that knows only this accessor, as an application that registers it would have. */
  static final ContextSnapshotFactory SNAPSHOTS =
      ContextSnapshotFactory.builder()
          .contextRegistry(new ContextRegistry().registerThreadLocalAccessor(new MdcThreadLocalAccessor()))
          .build();

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public @Nullable Map<String, String> getValue() {
    return MDC.getCopyOfContextMap();
  }

  @Override
  public void setValue(Map<String, String> value) {
    MDC.setContextMap(value);
  }

  @Override
  public void setValue() {
    MDC.clear();
  }

  @Override
  public void restore(Map<String, String> previousValue) {
    MDC.setContextMap(previousValue);
  }

  @Override
  public void restore() {
    MDC.clear();
  }
}
