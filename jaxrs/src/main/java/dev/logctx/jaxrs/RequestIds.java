package dev.logctx.jaxrs;

import dev.logctx.internal.RequestIdRules;
import org.jspecify.annotations.Nullable;

/**
 * What a request id may look like, how a fresh one is made, and which header carries it.
 *
 * <pre>{@code
 * String id = RequestIds.isValid(incoming) ? incoming : RequestIds.generate();
 * }</pre>
 *
 * <p>An incoming id is accepted only if it has 1 to {@value #MAX_LENGTH} characters, each an ASCII
 * letter or digit or one of {@code . _ : -}. Everything else is refused: a missing or empty value,
 * a longer one, control characters (a CR/LF pair would forge a log line), spaces, non-ASCII
 * letters, and the characters of log-injection and lookup attempts ({@code %n}, {@code ${...}},
 * quotes, braces, commas of repeated headers). The check is one pass over the characters, with no
 * regular expression.
 */
public final class RequestIds {
  /** The MDC key the request id is bound under: {@value}. */
  public static final String MDC_KEY = RequestIdRules.MDC_KEY;

  /** The header that carries the request id unless configured otherwise: {@value}. */
  public static final String DEFAULT_HEADER = RequestIdRules.DEFAULT_HEADER;

  /**
   * The system property that names another header for the filters' no-argument constructors:
   * {@value}. Read when a filter is created.
   */
  public static final String HEADER_PROPERTY = RequestIdRules.HEADER_PROPERTY;

  /** The longest accepted request id: {@value} characters. */
  public static final int MAX_LENGTH = RequestIdRules.MAX_LENGTH;

  private RequestIds() {}

  /**
   * Whether {@code candidate} is acceptable as a request id: 1 to {@value #MAX_LENGTH} characters
   * of {@code [A-Za-z0-9._:-]}.
   *
   * @param candidate the value received, may be null
   * @return true if it may be used as it is
   */
  public static boolean isValid(@Nullable CharSequence candidate) {
    return RequestIdRules.isValid(candidate);
  }

  /**
   * Why {@code candidate} is refused, in words that never repeat the value itself (so the reason
   * can be logged safely), or null if it is acceptable.
   */
  static @Nullable String rejection(@Nullable CharSequence candidate) {
    return RequestIdRules.rejection(candidate);
  }

  /**
   * A fresh random request id (a random UUID, 36 characters), itself {@linkplain #isValid valid}.
   *
   * @return the new id
   */
  public static String generate() {
    return RequestIdRules.generate();
  }

  /**
   * {@code candidate} if it is {@linkplain #isValid valid}, otherwise a {@linkplain #generate()
   * generated} id.
   *
   * @param candidate the value received, may be null
   * @return the id to use
   */
  public static String acceptOrGenerate(@Nullable String candidate) {
    return candidate != null && isValid(candidate) ? candidate : generate();
  }

  /**
   * The header named by the {@value #HEADER_PROPERTY} system property, or {@value
   * #DEFAULT_HEADER} when it is unset or blank.
   *
   * @return the header name
   * @throws IllegalArgumentException if the property names something that is not an HTTP header
   *     name
   */
  public static String configuredHeader() {
    return RequestIdRules.headerOrDefault(System.getProperty(HEADER_PROPERTY));
  }

  /** {@code name} if it is an HTTP header name (an RFC 9110 token), else an exception. */
  static String requireHeaderName(String name) {
    return RequestIdRules.requireHeaderName(name);
  }
}
