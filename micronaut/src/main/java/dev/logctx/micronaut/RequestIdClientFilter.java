package dev.logctx.micronaut;

import dev.logctx.internal.RequestIdRules;
import dev.logctx.internal.RequestIdWriter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import org.jspecify.annotations.Nullable;

/**
 * Forwards the current request id on every request of Micronaut's HTTP clients: the MDC's {@code
 * request_id}, when it is a valid id, goes into the request id header unless the request sets that
 * header itself. Same header property as {@link RequestIdServerFilter}; needs {@code HttpRequest}
 * on the class path; off with {@code logctx.micronaut.enabled=false}, and then no client request
 * carries the header unless it sets it itself.
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
@Requires(classes = HttpRequest.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class RequestIdClientFilter {
  private final String header;

  /**
   * A filter on the configured header.
   *
   * @param header the value of {@code logctx.request-id-header}, empty for the default
   * @throws IllegalArgumentException if it is not an HTTP header name
   */
  public RequestIdClientFilter(
      @Value("${" + RequestIdRules.HEADER_PROPERTY + ":}") @Nullable String header) {
    this.header = RequestIdRules.headerOrDefault(header);
  }

  /**
   * Adds the header.
   *
   * @param request the outgoing request
   */
  @RequestFilter
  public void forward(MutableHttpRequest<?> request) {
    @Nullable String id = RequestIdWriter.current();
    if (!RequestIdRules.isValid(id) || request.getHeaders().contains(header)) {
      return;
    }
    request.header(header, id);
  }

  @Override
  public String toString() {
    return "RequestIdClientFilter{header=" + header + "}";
  }
}
