package dev.logctx.internal;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The request-id rules that every edge filter of logctx applies (Not API): what an incoming id may
 * look like, how a fresh one is made, which MDC key and header carry it. {@code
 * dev.logctx.jaxrs.RequestIds} publishes them for Jakarta REST and {@code logctx-micronaut}'s
 * filters use them, so both edges accept and refuse exactly the same values.
 *
 * <p>An id is accepted only if it has 1 to {@value #MAX_LENGTH} characters, each an ASCII letter
 * or digit or one of {@code . _ : -}; the check is one pass over the characters.
 */
public final class RequestIdRules {
  /** The MDC key the request id is bound under: {@value}. */
  public static final String MDC_KEY = "request_id";

  /** The header that carries the request id unless configured otherwise: {@value}. */
  public static final String DEFAULT_HEADER = "X-Request-ID";

  /**
   * The property that names another header: {@value} (a system property; in Micronaut also a
   * configuration property).
   */
  public static final String HEADER_PROPERTY = "logctx.request-id-header";

  /** The longest accepted request id: {@value} characters. */
  public static final int MAX_LENGTH = 64;

  private RequestIdRules() {}

  /**
   * Why {@code candidate} is refused, in words that never repeat the value itself (so the reason
   * can be logged safely), or null if it is acceptable.
   *
   * @param candidate the value received, may be null
   * @return the reason, or null when the value may be used as it is
   */
  public static @Nullable String rejection(@Nullable CharSequence candidate) {
    if (candidate == null) {
      return "absent";
    }
    int length = candidate.length();
    if (length == 0) {
      return "empty";
    }
    if (length > MAX_LENGTH) {
      return length + " characters, more than " + MAX_LENGTH;
    }
    for (int i = 0; i < length; i++) {
      if (!isAllowed(candidate.charAt(i))) {
        return "character not allowed at index " + i;
      }
    }
    return null;
  }

  /**
   * Whether {@code candidate} is acceptable as a request id.
   *
   * @param candidate the value, may be null
   * @return true if {@link #rejection(CharSequence)} finds nothing wrong
   */
  public static boolean isValid(@Nullable CharSequence candidate) {
    return rejection(candidate) == null;
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }

  /**
   * A fresh random request id (a random UUID, 36 characters), itself valid.
   *
   * @return the new id
   */
  public static String generate() {
    return UUID.randomUUID().toString();
  }

  /**
   * The header named by {@code configured} (trimmed), or {@value #DEFAULT_HEADER} when it is null
   * or blank.
   *
   * @param configured the configured value, may be null
   * @return the header name
   * @throws IllegalArgumentException if {@code configured} is not an HTTP header name
   */
  public static String headerOrDefault(@Nullable String configured) {
    if (configured == null || configured.isBlank()) {
      return DEFAULT_HEADER;
    }
    return requireHeaderName(configured.trim());
  }

  /**
   * {@code name} if it is an HTTP header name (an RFC 9110 token).
   *
   * @param name the header name
   * @return {@code name}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is empty or has a character a token cannot have
   */
  public static String requireHeaderName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a header name cannot be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException(
            "not an HTTP header name (character at index " + i + "): " + name);
      }
    }
    return name;
  }
}
