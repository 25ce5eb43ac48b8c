package dev.logctx.demo.micronaut;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /orders} takes an order and answers at once; the follow-up work runs in the
 * background. {@code GET /orders/{id}} shows the order and where each follow-up is. The request id
 * is bound (and echoed) by logctx-micronaut's request-id filter; this controller adds the user.
 */
@Controller("/orders")
class OrderController {
  private static final Logger log = LoggerFactory.getLogger(OrderController.class);

  /** The answer to an accepted order. */
  @Serdeable
  record Created(String status, String orderId) {}

  /** The answer to a refused request. */
  @Serdeable
  record Refused(String error) {}

  /** An order and the status (pending, done, failed) of each follow-up. */
  @Serdeable
  record OrderView(
      String orderId, String userId, String item, int quantity, Map<String, String> followUps) {}

  private final JsonMapper json;
  private final Orders orders;
  private final FollowUps followUps;
  private final OrderEvents events;

  OrderController(JsonMapper json, Orders orders, FollowUps followUps, OrderEvents events) {
    this.json = json;
    this.orders = orders;
    this.followUps = followUps;
    this.events = events;
  }

  /** Validates the order, logs "order received", starts the follow-ups, answers 201. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> create(@Body @Nullable String body) {
    OrderRequest request;
    try {
      request = OrderRequest.from(parse(body));
    } catch (IOException e) {
      return refuse("malformed JSON");
    } catch (OrderRequest.InvalidOrderException e) {
      return refuse(e.getMessage());
    }
    Order accepted;
    try (Scope scope = LogContext.bind("user_id", request.userId())) {
      accepted = orders.create(request);
      log.atInfo().addKeyValue(FollowUp.ORDER_KEY, accepted.orderId()).log("order received");
      followUps.start(accepted);
      publish(accepted);
    }
    return HttpResponse.created(
        new Created("created", accepted.orderId()), URI.create("/orders/" + accepted.orderId()));
  }

  /** Publishes the order's {@code order-placed} record, in the request's context. */
  private void publish(Order order) {
    String orderId = order.orderId();
    events
        .placed(orderId, order.request().item())
        .whenComplete(
            (sent, failure) -> {
              if (failure != null) {
                log.atWarn()
                    .addKeyValue(FollowUp.ORDER_KEY, orderId)
                    .setCause(failure)
                    .log("order event not sent");
              }
            });
  }

  /** The order and its follow-ups, or 404. */
  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> find(String id) {
    return orders
        .find(id)
        .<HttpResponse<?>>map(order -> HttpResponse.ok(view(order)))
        .orElseGet(() -> HttpResponse.notFound(new Refused("no such order")));
  }

  private @Nullable JsonNode parse(@Nullable String body) throws IOException {
    if (body == null || body.isBlank()) {
      return null;
    }
    return json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }

  private static OrderView view(Order order) {
    Map<String, String> statuses = new LinkedHashMap<>();
    order.followUps().forEach((followUp, status) -> statuses.put(followUp.jsonName(), status.jsonName()));
    OrderRequest request = order.request();
    return new OrderView(
        order.orderId(), request.userId(), request.item(), request.quantity(), statuses);
  }

  private static HttpResponse<?> refuse(String reason) {
    log.info("order refused: {}", reason);
    return HttpResponse.badRequest(new Refused(reason)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
