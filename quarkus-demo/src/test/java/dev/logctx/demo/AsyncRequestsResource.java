package dev.logctx.demo;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only endpoints for {@link AsyncRequestsLeaveNoIdTest}: an {@code AsyncResponse} and a
 * {@code CompletionStage} resumed by a thread of a plain pool, and a synchronous endpoint, with an
 * application filter that runs before {@code RequestIdFilter} (pre-matching, priority 100) and logs
 * {@value #EARLY_LINE} for these paths. Lives in the test sources; not part of the demo service.
 */
@Path("/async-requests")
public class AsyncRequestsResource {
  static final String EARLY_LINE = "async-requests: before the request-id filter";
  static final String ACCEPTED = "async-requests: accepted";

  private static final Logger log = LoggerFactory.getLogger(AsyncRequestsResource.class);

  private final ExecutorService resumer = Executors.newSingleThreadExecutor();

  @PreDestroy
  void stop() {
    resumer.shutdownNow();
  }

  /** Suspends; a thread of a plain pool resumes. */
  @GET
  @Path("/suspended")
  public void suspended(@Suspended AsyncResponse response) {
    log.info(ACCEPTED);
    resumer.execute(() -> response.resume("suspended"));
  }

  /** A stage that a thread of a plain pool completes. */
  @GET
  @Path("/stage")
  public CompletionStage<String> stage() {
    log.info(ACCEPTED);
    CompletableFuture<String> result = new CompletableFuture<>();
    resumer.execute(() -> result.complete("stage"));
    return result;
  }

  /** Synchronous, on a worker thread. */
  @GET
  @Path("/sync")
  public String sync() {
    log.info(ACCEPTED);
    return "sync";
  }

  /** Logs {@value #EARLY_LINE} before {@code RequestIdFilter}, for the paths of this resource. */
  @Provider
  @PreMatching
  @Priority(100)
  public static class EarlyFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getUriInfo().getPath().startsWith("/async-requests/")) {
        log.info(EARLY_LINE);
      }
    }
  }
}
