package dev.logctx.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.jaxrs.RequestIdFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /orders} takes an order and returns at once; the follow-up work runs in the
 * background. {@code GET /orders/{id}} shows the order and where each follow-up is.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
  private static final Logger log = LoggerFactory.getLogger(OrderResource.class);

  /** The answer to an accepted order. */
  public record Created(String status, String orderId) {}

  /** The answer to a refused request. */
  public record Error(String error) {}

  /** An order and the status (pending, done, failed) of each follow-up. */
  public record OrderView(
      String orderId,
      String userId,
      String item,
      int quantity,
      String requestId,
      Map<String, String> followUps) {}

  @Inject ObjectMapper json;
  @Inject Orders orders;
  @Inject FollowUps followUps;
  @Inject OrderEvents orderEvents;

  /** Validates the order, logs "order received", starts the follow-ups, answers 201. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body, @Context ContainerRequestContext request) {
    OrderRequest order;
    try {
      JsonNode parsed = json.readTree(body);
      order = OrderRequest.from(parsed);
    } catch (JsonProcessingException e) {
      return refuse("malformed JSON");
    } catch (OrderRequest.InvalidOrderException e) {
      return refuse(e.getMessage());
    }
    String requestId = String.valueOf(request.getProperty(RequestIdFilter.REQUEST_ID_PROPERTY));
    Order accepted;
    try (Scope scope = LogContext.bind("user_id", order.userId())) {
      accepted = orders.create(order, requestId);
      log.info("order received");
      followUps.start(accepted);
      orderEvents.publish(accepted);
    }
    return Response.created(URI.create("/orders/" + accepted.orderId()))
        .entity(new Created("created", accepted.orderId()))
        .build();
  }

  /** The order and its follow-ups, or 404. */
  @GET
  @Path("/{id}")
  public Response find(@PathParam("id") String id) {
    return orders
        .find(id)
        .map(order -> Response.ok(view(order)).build())
        .orElseGet(
            () ->
                Response.status(Response.Status.NOT_FOUND)
                    .entity(new Error("no such order"))
                    .build());
  }

  private static OrderView view(Order order) {
    Map<String, String> statuses = new LinkedHashMap<>();
    order.followUps().forEach((followUp, status) -> statuses.put(followUp.jsonName(), status.jsonName()));
    OrderRequest request = order.request();
    return new OrderView(
        order.orderId(),
        request.userId(),
        request.item(),
        request.quantity(),
        order.requestId(),
        statuses);
  }

  private static Response refuse(String reason) {
    log.info("order refused: {}", reason);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(new Error(reason))
        .build();
  }
}
