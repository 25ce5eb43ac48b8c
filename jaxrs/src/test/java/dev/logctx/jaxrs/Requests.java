package dev.logctx.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a JAX-RS runtime does with one request, reduced to the steps the filter takes part in. */
final class Requests {
  /** The logger of the resource methods. */
  static final Logger resource = LoggerFactory.getLogger("test.resource");

  /** The runtime's own logger, as for an access log line once the response is written. */
  static final Logger server = LoggerFactory.getLogger("test.server");

  private Requests() {}

  /**
   * Serves a request with header {@code X-Request-ID: id} whose resource method logs {@code
   * "handling"}, on the calling thread.
   */
  static void serve(RequestIdFilter filter, String id) {
    serve(filter, FakeContexts.request("X-Request-ID", id), () -> resource.info("handling"));
  }

  /**
   * The request filter, the resource method, the response filter, then the runtime's line {@code
   * "response written"} — unless the resource method throws an exception that no mapper handles
   * and the connection is dropped, which skips the response filters.
   */
  static void serve(
      RequestIdFilter filter, ContainerRequestContext request, Runnable resourceMethod) {
    filter.filter(request);
    resourceMethod.run();
    filter.filter(request, FakeContexts.response());
    server.info("response written");
  }
}
