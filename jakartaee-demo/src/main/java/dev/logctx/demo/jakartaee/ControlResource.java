package dev.logctx.demo.jakartaee;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.jaxrs.RequestIds;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /demo/controls?user=<id>}: what logctx fixes, side by side with {@code POST
 * /orders}. Runs every negative control in the request's context, waits for all of them (at most
 * 60 s) and answers with their names. Their lines carry no {@code request_id} of this request.
 */
@Path("/demo/controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {
  private static final Logger log = LoggerFactory.getLogger(ControlResource.class);

  @Inject Controls controls;

  /** Runs the controls and answers {@code {"status":"done","controls":[...]}}. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  public String run(@QueryParam("user") @Nullable String user, @Context HttpServletRequest servlet)
      throws InterruptedException, ExecutionException, TimeoutException {
    String userId = user != null && RequestIds.isValid(user) ? user : "unknown";
    Controls.Started started;
    try (Scope scope = LogContext.bind("user_id", userId)) {
      log.info("controls received");
      started = controls.start(userId, SelfUri.of(servlet));
    }
    started.done().get(60, TimeUnit.SECONDS);
    JsonArrayBuilder names = Json.createArrayBuilder();
    started.controls().forEach(control -> names.add(control.jsonName()));
    return Json.createObjectBuilder()
        .add("status", "done")
        .add("controls", names)
        .build()
        .toString();
  }
}
