package dev.logctx.jaxrs;

import dev.logctx.internal.RequestIdWriter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jspecify.annotations.Nullable;

/**
 * Forwards the current request id on outbound calls: copies the MDC entry {@code request_id} of
 * the calling thread into the {@code X-Request-ID} header of a JAX-RS client or MicroProfile REST
 * Client request.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(new RequestIdClientFilter());
 *
 * @RegisterRestClient
 * @RegisterProvider(RequestIdClientFilter.class)   // in Quarkus the global @Provider suffices
 * interface Inventory { ... }
 * }</pre>
 *
 * <p>Nothing is sent when the MDC has no {@code request_id}, or holds one that {@link
 * RequestIds#isValid(CharSequence)} refuses (a value put there by other code must not inject
 * headers). A header the caller set explicitly is left as it is. The header name is chosen as for
 * {@link RequestIdFilter}: the no-argument constructor reads the system property {@value
 * RequestIds#HEADER_PROPERTY}.
 *
 * <p>The MDC is read when the filter runs. A reactive client may run filters on another thread
 * than the caller's; the MicroProfile REST Client in Quarkus runs them where the call is made, in
 * the caller's context.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public final class RequestIdClientFilter implements ClientRequestFilter {
  private final String header;

  /**
   * A filter on the header named by the system property {@value RequestIds#HEADER_PROPERTY}, or
   * {@value RequestIds#DEFAULT_HEADER}.
   *
   * @throws IllegalArgumentException if the property is set to something that is not a header
   *     name
   */
  public RequestIdClientFilter() {
    this(RequestIds.configuredHeader());
  }

  /**
   * A filter on the header {@code headerName}.
   *
   * @param headerName the header to send the request id in
   * @throws NullPointerException if {@code headerName} is null
   * @throws IllegalArgumentException if it is not an HTTP header name
   */
  public RequestIdClientFilter(String headerName) {
    this.header = RequestIds.requireHeaderName(headerName);
  }

  /**
   * The header this filter writes.
   *
   * @return the header name
   */
  public String headerName() {
    return header;
  }

  /**
   * Adds the header with the calling thread's {@code request_id}, if it has a valid one and the
   * request does not carry the header already.
   *
   * @param request the outbound request
   */
  @Override
  public void filter(ClientRequestContext request) {
    @Nullable String id = RequestIdWriter.current();
    if (id == null || !RequestIds.isValid(id)) {
      return;
    }
    if (request.getHeaders().containsKey(header)) {
      return;
    }
    request.getHeaders().putSingle(header, id);
  }

  @Override
  public String toString() {
    return "RequestIdClientFilter{header=" + header + "}";
  }
}
