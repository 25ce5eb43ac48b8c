package dev.logctx.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /health}: 200 once the service takes requests, as in the other two demos. */
@Path("/health")
public class HealthResource {

  /** Always {@code {"status":"up"}}: answering at all means the service is started. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String health() {
    return "{\"status\":\"up\"}";
  }
}
