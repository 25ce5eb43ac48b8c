package dev.logctx.demo;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What logctx fixes, shown side by side with {@code POST /orders}: the same hand-over written with
 * a plain {@code CompletableFuture.runAsync} on a plain pool. The line {@code "without logctx:
 * follow-up"} has no {@code request_id} and no {@code user_id}: the MDC stayed on the request
 * thread. Used by the tests and the demo only.
 */
@Path("/demo/without-logctx")
@Produces(MediaType.APPLICATION_JSON)
public class WithoutLogctxResource {
  private static final Logger log = LoggerFactory.getLogger(WithoutLogctxResource.class);

  @Inject PlainPool plainPool;

  /** Logs on the request thread, then on a plain pool thread; waits for it and answers. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  public Map<String, String> fanOut(@QueryParam("user") String user) {
    String userId = user != null && OrderRequest.isIdentifier(user) ? user : "unknown";
    try (Scope scope = LogContext.bind("user_id", userId)) {
      log.info("without logctx: received");
      CompletableFuture.runAsync(() -> log.info("without logctx: follow-up"), plainPool.executor())
          .join();
    }
    return Map.of("status", "done");
  }
}
