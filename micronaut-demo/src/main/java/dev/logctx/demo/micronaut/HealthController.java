package dev.logctx.demo.micronaut;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** {@code GET /health}: 200 once the server takes requests. */
@Controller("/health")
class HealthController {

  /** Always "up": the server answers only once it is started. */
  @Get(produces = MediaType.APPLICATION_JSON)
  Map<String, String> health() {
    return Map.of("status", "up");
  }
}
