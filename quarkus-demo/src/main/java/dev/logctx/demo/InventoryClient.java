package dev.logctx.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The inventory service, here the application's own {@code GET /inventory/{item}}. No
 * {@code @RegisterProvider}: Quarkus REST Client applies every {@code @Provider} client filter of
 * the index to all clients, so {@code RequestIdClientFilter} from logctx-jaxrs adds {@code
 * X-Request-ID} by itself.
 */
@RegisterRestClient(configKey = "inventory")
@Path("/inventory")
interface InventoryClient {

  /** Asks whether {@code item} is in stock, on behalf of {@code userId}. */
  @GET
  @Path("/{item}")
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<InventoryResource.Stock> check(
      @PathParam("item") String item, @HeaderParam(InventoryResource.USER_HEADER) String userId);
}
