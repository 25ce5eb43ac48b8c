package dev.logctx.demo.jakartaee;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /health}: 200 once the application is deployed. */
@Path("/health")
public class HealthResource {

  /** Always {@code {"status":"up"}}: answering at all means the WAR is deployed. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String health() {
    return "{\"status\":\"up\"}";
  }
}
