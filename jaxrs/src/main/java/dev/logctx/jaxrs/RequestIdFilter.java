package dev.logctx.jaxrs;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a request id: taken from the {@code X-Request-ID} header when it is
 * well-formed, generated otherwise; bound in the MDC as {@code request_id} while the request is
 * handled, and echoed in the response header.
 *
 * <pre>{@code
 * // Quarkus REST: nothing to do, the jar is indexed and the class is a @Provider.
 * // Any other runtime:
 * public class App extends Application {
 *   public Set<Object> getSingletons() {
 *     return Set.of(new RequestIdFilter(), new RequestIdClientFilter());
 *   }
 * }
 * }</pre>
 *
 * <p>The incoming value is used only if {@link RequestIds#isValid(CharSequence)} accepts it (1 to
 * 64 characters of {@code [A-Za-z0-9._:-]}); a missing, empty, too long or otherwise malformed
 * value is replaced by a {@linkplain RequestIds#generate() random id}, and the response carries
 * the id actually used. A refused value is never logged, not even in part; a DEBUG line on the
 * logger {@code dev.logctx.jaxrs.RequestIdFilter} says why it was refused.
 *
 * <p>The header name is {@value RequestIds#DEFAULT_HEADER}, or the one named by the system
 * property {@value RequestIds#HEADER_PROPERTY} when the filter is created with the no-argument
 * constructor, or the one given to {@link #RequestIdFilter(String)}.
 *
 * <p>The request filter is {@link PreMatching} with priority {@value #PRIORITY} (before
 * authentication), so that every later filter, the resource and the exception mappers log with
 * the id. The {@link Scope} of the binding is kept in the request property {@value
 * #SCOPE_PROPERTY} and closed by the response filter, which restores the MDC the request started
 * with. A response that never reaches the response filters (an exception that no mapper handles)
 * leaves the binding open; the next request's filter replaces it.
 */
@Provider
@PreMatching
@Priority(RequestIdFilter.PRIORITY)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** The filter priority: {@value}, that is {@code Priorities.AUTHENTICATION - 100}. */
  public static final int PRIORITY = Priorities.AUTHENTICATION - 100;

  /** The request property that holds the request id in use (a {@code String}): {@value}. */
  public static final String REQUEST_ID_PROPERTY = "dev.logctx.jaxrs.request-id";

  /** The request property that holds the MDC binding's {@link Scope}: {@value}. */
  static final String SCOPE_PROPERTY = "dev.logctx.jaxrs.scope";

  private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

  private final String header;

  /**
   * A filter on the header named by the system property {@value RequestIds#HEADER_PROPERTY}, or
   * {@value RequestIds#DEFAULT_HEADER}.
   *
   * @throws IllegalArgumentException if the property is set to something that is not a header
   *     name
   */
  public RequestIdFilter() {
    this(RequestIds.configuredHeader());
  }

  /**
   * A filter on the header {@code headerName}.
   *
   * @param headerName the header that carries the request id in both directions
   * @throws NullPointerException if {@code headerName} is null
   * @throws IllegalArgumentException if it is not an HTTP header name
   */
  public RequestIdFilter(String headerName) {
    this.header = RequestIds.requireHeaderName(headerName);
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
   * Chooses the request id, binds it in the MDC and keeps the binding for the response filter.
   *
   * @param request the request
   */
  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(SCOPE_PROPERTY) != null) {
      return; // already bound for this request (the filter is registered twice)
    }
    @Nullable String received = request.getHeaderString(header);
    @Nullable String refused = RequestIds.rejection(received);
    String id = refused == null && received != null ? received : RequestIds.generate();
    Scope scope = LogContext.bind(RequestIds.MDC_KEY, id);
    request.setProperty(REQUEST_ID_PROPERTY, id);
    request.setProperty(SCOPE_PROPERTY, scope);
    if (refused != null && received != null && log.isDebugEnabled()) {
      // The reason only: the received value is attacker-controlled and is never logged.
      log.debug("Refused the {} header ({}); using a generated request id", header, refused);
    }
  }

  /**
   * Echoes the request id in the response header and removes it from the MDC.
   *
   * @param request the request
   * @param response the response
   */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(REQUEST_ID_PROPERTY);
    if (id instanceof String) {
      response.getHeaders().putSingle(header, id);
    }
    Object scope = request.getProperty(SCOPE_PROPERTY);
    if (scope instanceof Scope) {
      request.removeProperty(SCOPE_PROPERTY);
      ((Scope) scope).close();
    }
  }

  @Override
  public String toString() {
    return "RequestIdFilter{header=" + header + "}";
  }
}
