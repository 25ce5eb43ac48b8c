package dev.logctx.demo.jakartaee;

import dev.logctx.jaxrs.RequestIdFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application filter that runs before {@link RequestIdFilter}, as authentication filters often
 * do: pre-matching, priority {@value #PRIORITY}. It logs one line per request, {@value #LINE}; that
 * line carries no request id (the id is not chosen yet), and never an earlier request's, also
 * when the server's request thread served an asynchronous request before.
 */
@PreMatching
@Priority(EarlyRequestFilter.PRIORITY)
public class EarlyRequestFilter implements ContainerRequestFilter {
  /** Before {@link RequestIdFilter#PRIORITY}: {@value}. */
  static final int PRIORITY = 100;

  /** The line it logs: {@value}. */
  static final String LINE = "before the request-id filter";

  private static final Logger log = LoggerFactory.getLogger(EarlyRequestFilter.class);

  @Override
  public void filter(ContainerRequestContext request) {
    log.info(LINE);
  }
}
