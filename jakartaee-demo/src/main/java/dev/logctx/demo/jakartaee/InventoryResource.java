package dev.logctx.demo.jakartaee;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.jaxrs.RequestIds;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a downstream inventory service. Its {@code request_id} comes from the {@code
 * X-Request-ID} the caller's client filter forwarded (bound by {@code RequestIdFilter} like any
 * request's, or generated when none came); the user comes in {@value #USER_HEADER}.
 */
@Path("/inventory")
public class InventoryResource {
  /** The header in which the order service names the user. */
  static final String USER_HEADER = "X-User-ID";

  /** Who calls: an order's follow-up (with the client filter) or the negative control (without). */
  enum Caller {
    FOLLOW_UP,
    CONTROL
  }

  private static final Logger log = LoggerFactory.getLogger(InventoryResource.class);

  /** Whether {@code item} is in stock (always). Logs the caller's line. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @GET
  @Path("/{item}")
  @Produces(MediaType.APPLICATION_JSON)
  public String check(
      @PathParam("item") String item,
      @HeaderParam(USER_HEADER) @Nullable String userId,
      @QueryParam("caller") @Nullable String caller) {
    String user = userId != null && RequestIds.isValid(userId) ? userId : "unknown";
    String line =
        Caller.CONTROL.name().equals(caller)
            ? Control.CLIENT_WITHOUT_FILTER.logLine()
            : FollowUp.INVENTORY.logLine();
    try (Scope scope = LogContext.bind("user_id", user)) {
      log.info(line);
    }
    return Json.createObjectBuilder()
        .add("item", RequestIds.isValid(item) ? item : "unknown")
        .add("available", true)
        .build()
        .toString();
  }
}
