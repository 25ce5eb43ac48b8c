package dev.logctx.micronaut;

import dev.logctx.internal.RequestIdRules;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a request id: taken from the {@code X-Request-ID} header when it is
 * well-formed, generated otherwise; bound in the MDC as {@code request_id} wherever Micronaut runs
 * the request's work, and echoed in the response header.
 *
 * <p>The incoming value is used only if it has 1 to 64 characters of {@code [A-Za-z0-9._:-]} and
 * comes in one header line (the rules of logctx-jaxrs' {@code RequestIds}); anything else is
 * replaced by a random id and never logged, not even in part (a DEBUG line on this class's logger
 * says why it was refused).
 *
 * <p>The id is bound through Micronaut's propagated context ({@link MutablePropagatedContext}, a
 * {@code ThreadPropagatedContextElement}), not by an {@code MDC.put} in the filter: only so does it
 * reach event-loop controllers, {@code @ExecuteOn} controllers and Micronaut's instrumented
 * executors. The filter owns the key {@code request_id} and nothing else (see {@code
 * RequestIdElement}: it removes the key only where it still holds this request's id and never puts
 * back an earlier value).
 *
 * <p>The header name: the configuration property {@code logctx.request-id-header} (Micronaut reads
 * it from its configuration files, the environment and system properties), default {@code
 * X-Request-ID}; a value that is not an HTTP header name stops the application at start-up. The
 * filter needs {@code HttpRequest} on the class path and is off with {@code
 * logctx.micronaut.enabled=false}. It works the same for event-loop and {@code @ExecuteOn}
 * controllers and for the executor tasks they start; without micronaut-http it is not created.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(classes = HttpRequest.class)
@Requires(property = LogctxMicronaut.ENABLED_PROPERTY, notEquals = "false")
public final class RequestIdServerFilter implements Ordered {
  /** The request attribute that holds the request id in use (a {@code String}): {@value}. */
  public static final String REQUEST_ID_ATTRIBUTE = "dev.logctx.micronaut.request-id";

  private static final Logger log = LoggerFactory.getLogger(RequestIdServerFilter.class);

  private final String header;

  /**
   * A filter on the configured header.
   *
   * @param header the value of {@code logctx.request-id-header}, empty for the default
   * @throws IllegalArgumentException if it is not an HTTP header name
   */
  public RequestIdServerFilter(
      @Value("${" + RequestIdRules.HEADER_PROPERTY + ":}") @Nullable String header) {
    this.header = RequestIdRules.headerOrDefault(header);
  }

  /**
   * The header this filter reads and writes.
   *
   * @return the header name
   */
  public String headerName() {
    return header;
  }

  /**
   * Before Micronaut's own filters ({@code ServerFilterPhase.FIRST}), so they log with the id.
   *
   * @return the filter's order
   */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }

  /**
   * Chooses the request id and binds it for the rest of the request.
   *
   * @param request the request
   * @param context the request's propagated context
   */
  @RequestFilter
  public void bind(HttpRequest<?> request, MutablePropagatedContext context) {
    List<String> received = request.getHeaders().getAll(header);
    @Nullable String refused =
        received.size() > 1 ? "repeated header" : RequestIdRules.rejection(first(received));
    String id = refused == null ? received.get(0) : RequestIdRules.generate();
    request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
    context.add(new RequestIdElement(id));
    if (refused != null && !received.isEmpty() && log.isDebugEnabled()) {
      // The reason only: the received value is attacker-controlled and is never logged.
      log.debug("Refused the {} header ({}); using a generated request id", header, refused);
    }
  }

  private static @Nullable String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Echoes the request id in the response header.
   *
   * @param request the request
   * @param response the response
   */
  @ResponseFilter
  public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request
        .getAttribute(REQUEST_ID_ATTRIBUTE, String.class)
        .ifPresent(id -> response.getHeaders().set(header, id));
  }

  @Override
  public String toString() {
    return "RequestIdServerFilter{header=" + header + "}";
  }
}
