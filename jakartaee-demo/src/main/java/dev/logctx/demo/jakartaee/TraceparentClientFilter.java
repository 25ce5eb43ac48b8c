package dev.logctx.demo.jakartaee;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.jspecify.annotations.Nullable;

/**
 * Sends the trace of the calling thread ({@code Context.current()}) with each outgoing request as
 * a W3C {@code traceparent} header, so that the callee's server span joins the caller's trace.
 */
public class TraceparentClientFilter implements ClientRequestFilter {
  private static final TextMapSetter<ClientRequestContext> HEADERS =
      (@Nullable ClientRequestContext request, String name, String value) -> {
        if (request != null) {
          request.getHeaders().putSingle(name, value);
        }
      };

  @Override
  public void filter(ClientRequestContext request) {
    Telemetry.propagator().inject(Context.current(), request, HEADERS);
  }
}
