package dev.logctx.demo.jakartaee;

import dev.logctx.jaxrs.RequestIdClientFilter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;

/**
 * Calls the inventory service (here the application's own {@code GET /inventory/{item}}) with a
 * JAX-RS client. The client carries logctx-jaxrs's {@link RequestIdClientFilter}, which sends the
 * calling thread's {@code request_id} as {@code X-Request-ID}, and {@link TraceparentClientFilter},
 * which forwards the calling thread's trace; a second client without them is the negative control.
 */
@ApplicationScoped
public class Inventory {
  private final Client withFilter =
      ClientBuilder.newClient()
          .register(new RequestIdClientFilter())
          .register(new TraceparentClientFilter());
  private final Client withoutFilter = ClientBuilder.newClient();

  /** Asks whether {@code item} is in stock on behalf of {@code userId}; the callee logs {@code caller}'s line. */
  String check(URI self, String item, String userId, InventoryResource.Caller caller) {
    Client client = caller == InventoryResource.Caller.CONTROL ? withoutFilter : withFilter;
    return client
        .target(self)
        .path("inventory")
        .path(item)
        .queryParam("caller", caller.name())
        .request(MediaType.APPLICATION_JSON)
        .header(InventoryResource.USER_HEADER, userId)
        .get(String.class);
  }

  @PreDestroy
  void close() {
    withFilter.close();
    withoutFilter.close();
  }
}
