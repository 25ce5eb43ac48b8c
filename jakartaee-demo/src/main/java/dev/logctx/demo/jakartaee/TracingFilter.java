package dev.logctx.demo.jakartaee;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Each HTTP request runs in a server span: a child of the W3C {@code traceparent} the request
 * came with, or the root of a new trace. The span is current while the request is served on its
 * thread (opened and closed around the filter chain, on the same thread), and ends when the
 * request thread is done with it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class TracingFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      (@Nullable HttpServletRequest request, String name) ->
          request == null ? null : request.getHeader(name);

  @Override
  @SuppressWarnings("try") // the scope is only closed, as intended
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Context parent = Telemetry.propagator().extract(Context.root(), request, HEADERS);
    Span span =
        Telemetry.tracer()
            .spanBuilder(request.getMethod() + " " + request.getRequestURI())
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      chain.doFilter(request, response);
      span.setAttribute("http.response.status_code", response.getStatus());
    } catch (IOException | ServletException | RuntimeException e) {
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Shuts the application's OpenTelemetry SDK down when the application stops. */
  @WebListener
  public static class Shutdown implements ServletContextListener {
    @Override
    public void contextDestroyed(ServletContextEvent event) {
      Telemetry.shutdown();
    }
  }
}
