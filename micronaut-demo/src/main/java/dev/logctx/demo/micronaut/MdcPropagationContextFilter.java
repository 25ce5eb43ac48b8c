package dev.logctx.demo.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

/**
 * The comparison, not part of what a logctx user writes: Micronaut's own way to carry the MDC, as
 * its documentation shows it — a request filter puts the request id in the MDC and adds {@link
 * MdcPropagationContext}, a copy of the MDC of that moment, to the request's propagated context.
 * Micronaut then restores that copy around the controller and in the tasks of its instrumented
 * executors; what the controller puts in the MDC later ({@code user_id}) goes nowhere.
 *
 * <p>On only with {@code -Ddemo.mdc-propagation-context.enabled=true}, together with {@code
 * -Dlogctx.micronaut.enabled=false} (the negative control of the tests).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "demo.mdc-propagation-context.enabled", value = "true")
final class MdcPropagationContextFilter {

  @RequestFilter
  void bindRequestId(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
    String requestId = request.getHeaders().get("X-Request-ID");
    if (!OrderRequest.isIdentifier(requestId)) {
      return; // never trust a header with a log line: only 1 to 64 safe characters go in
    }
    try {
      MDC.put("request_id", requestId);
      propagatedContext.add(new MdcPropagationContext());
    } finally {
      MDC.remove("request_id");
    }
  }
}
