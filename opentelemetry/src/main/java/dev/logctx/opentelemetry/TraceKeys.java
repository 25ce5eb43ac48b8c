package dev.logctx.opentelemetry;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The MDC keys under which logctx-opentelemetry writes the current span's context, and how to
 * rename them. Each name is read once, on first use, from (in order) the system property, the
 * environment variable of the same name in upper case with {@code _} for {@code .} and {@code -}
 * ({@code LOGCTX_OTEL_TRACE_ID_KEY}), MicroProfile Config when an implementation is present, then
 * the default.
 *
 * <pre>{@code
 * // line up with Quarkus's own keys: -Dlogctx.otel.trace-id-key=traceId -Dlogctx.otel.span-id-key=spanId
 * String key = TraceKeys.traceIdKey();   // "trace_id" unless renamed
 * }</pre>
 */
public final class TraceKeys {

  /** The property that renames the trace id key. */
  public static final String TRACE_ID_PROPERTY = "logctx.otel.trace-id-key";

  /** The property that renames the span id key. */
  public static final String SPAN_ID_PROPERTY = "logctx.otel.span-id-key";

  /** The property that renames the trace flags key. */
  public static final String TRACE_FLAGS_PROPERTY = "logctx.otel.trace-flags-key";

  /** The default key of the trace id (32 lower-case hex digits). */
  public static final String DEFAULT_TRACE_ID_KEY = "trace_id";

  /** The default key of the span id (16 lower-case hex digits). */
  public static final String DEFAULT_SPAN_ID_KEY = "span_id";

  /** The default key of the trace flags (2 hex digits: {@code 01} sampled, {@code 00} not). */
  public static final String DEFAULT_TRACE_FLAGS_KEY = "trace_flags";

  private TraceKeys() {}

  /**
   * The MDC key of the trace id.
   *
   * @return the key in use
   */
  public static String traceIdKey() {
    return Resolved.TRACE_ID;
  }

  /**
   * The MDC key of the span id.
   *
   * @return the key in use
   */
  public static String spanIdKey() {
    return Resolved.SPAN_ID;
  }

  /**
   * The MDC key of the trace flags.
   *
   * @return the key in use
   */
  public static String traceFlagsKey() {
    return Resolved.TRACE_FLAGS;
  }

  /**
   * The name {@code property} gives, or {@code fallback}: system property, environment variable,
   * MicroProfile Config. A blank value counts as unset. Never throws.
   */
  static String resolve(String property, String fallback) {
    String value = systemProperty(property);
    if (value == null) {
      value = environment(property);
    }
    if (value == null) {
      value = microProfileConfig(property);
    }
    return value == null ? fallback : value;
  }

  private static @Nullable String systemProperty(String property) {
    try {
      return blankToNull(System.getProperty(property));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String environment(String property) {
    try {
      String name = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      return blankToNull(System.getenv(name));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** MicroProfile Config through reflection: logctx-opentelemetry does not depend on it. */
  private static @Nullable String microProfileConfig(String property) {
    try {
      Class<?> provider =
          Class.forName(
              "org.eclipse.microprofile.config.ConfigProvider",
              true,
              TraceKeys.class.getClassLoader());
      Class<?> configType =
          Class.forName(
              "org.eclipse.microprofile.config.Config", false, provider.getClassLoader());
      Object config = provider.getMethod("getConfig").invoke(null);
      Method lookup = configType.getMethod("getOptionalValue", String.class, Class.class);
      Object found = lookup.invoke(config, property, String.class);
      if (found instanceof Optional) {
        Object value = ((Optional<?>) found).orElse(null);
        return value instanceof String ? blankToNull((String) value) : null;
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // no MicroProfile Config here, or none configured: the other sources decide
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The names, read once, on first use (never while OpenTelemetry chooses its storage). */
  private static final class Resolved {
    static final String TRACE_ID = resolve(TRACE_ID_PROPERTY, DEFAULT_TRACE_ID_KEY);
    static final String SPAN_ID = resolve(SPAN_ID_PROPERTY, DEFAULT_SPAN_ID_KEY);
    static final String TRACE_FLAGS = resolve(TRACE_FLAGS_PROPERTY, DEFAULT_TRACE_FLAGS_KEY);
  }
}
