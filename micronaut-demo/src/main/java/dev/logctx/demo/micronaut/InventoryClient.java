package dev.logctx.demo.micronaut;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.concurrent.CompletableFuture;

/**
 * The inventory service, here the application's own {@code GET /inventory/{item}} ({@code
 * @Client("/")} is this server). logctx-micronaut's client filter adds {@code X-Request-ID}.
 */
@Client("/")
interface InventoryClient {

  /** Asks whether {@code item} is in stock, on behalf of {@code userId}, for order {@code order}. */
  @Get("/inventory/{item}{?order}")
  CompletableFuture<InventoryController.Stock> check(
      String item, @QueryValue String order, @Header(InventoryController.USER_HEADER) String userId);
}
