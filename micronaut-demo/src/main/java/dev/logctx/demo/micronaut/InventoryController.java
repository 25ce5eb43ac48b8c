package dev.logctx.demo.micronaut;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a downstream inventory service, called by the order service through its HTTP
 * client. Its {@code request_id} comes from the {@code X-Request-ID} that the client filter
 * forwarded (bound by the request-id filter like any request's); the user comes in {@value
 * #USER_HEADER}.
 */
@Controller("/inventory")
class InventoryController {
  /** The header in which the order service names the user. */
  static final String USER_HEADER = "X-User-ID";

  private static final Pattern ORDER_ID = Pattern.compile("ord-[0-9]{1,18}");
  private static final Logger log = LoggerFactory.getLogger(InventoryController.class);

  /** The answer. */
  @Serdeable
  record Stock(String item, boolean available) {}

  /** Whether {@code item} is in stock (always). Logs {@code follow-up: inventory}. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @Get(uri = "/{item}{?order}", produces = MediaType.APPLICATION_JSON)
  Stock check(
      String item,
      @QueryValue @Nullable String order,
      @Header(USER_HEADER) @Nullable String userId) {
    String user = OrderRequest.isIdentifier(userId) ? userId : "unknown";
    String orderId = order != null && ORDER_ID.matcher(order).matches() ? order : "unknown";
    try (Scope scope = LogContext.bind("user_id", user)) {
      FollowUp.INVENTORY.log(log, orderId);
    }
    return new Stock(item, true);
  }
}
