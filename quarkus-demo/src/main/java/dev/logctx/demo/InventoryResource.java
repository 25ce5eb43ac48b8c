package dev.logctx.demo;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a downstream inventory service, called by the order service through its REST
 * client. Its {@code request_id} comes from the {@code X-Request-ID} that the client filter
 * forwarded (bound by {@code RequestIdFilter} like any request's); the user comes in {@value
 * #USER_HEADER}.
 */
@Path("/inventory")
public class InventoryResource {
  /** The header in which the order service names the user. */
  static final String USER_HEADER = "X-User-ID";

  private static final Logger log = LoggerFactory.getLogger(InventoryResource.class);

  /** The answer. */
  public record Stock(String item, boolean available) {}

  @Inject InventoryLedger ledger;

  /** Whether {@code item} is in stock (always). Logs {@code follow-up: inventory}. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @GET
  @Path("/{item}")
  @Produces(MediaType.APPLICATION_JSON)
  public Stock check(
      @PathParam("item") String item,
      @HeaderParam("X-Request-ID") @Nullable String receivedRequestId,
      @HeaderParam(USER_HEADER) @Nullable String userId) {
    ledger.record(receivedRequestId);
    String user = userId != null && OrderRequest.isIdentifier(userId) ? userId : "unknown";
    try (Scope scope = LogContext.bind("user_id", user)) {
      log.info("follow-up: inventory");
    }
    return new Stock(item, true);
  }
}
