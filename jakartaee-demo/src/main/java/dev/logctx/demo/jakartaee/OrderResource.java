package dev.logctx.demo.jakartaee;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /orders} takes an order, logs {@code order received} and returns at once; the
 * follow-up work runs in the background, each path logging one line.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
  /** Bodies longer than this are refused unread. */
  static final int MAX_BODY_LENGTH = 4096;

  private static final Logger log = LoggerFactory.getLogger(OrderResource.class);
  private static final AtomicLong sequence = new AtomicLong();

  @Inject FollowUps followUps;

  /** Validates the order, logs "order received", starts the follow-ups, answers 201. */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body, @Context HttpServletRequest servlet) {
    if (body.length() > MAX_BODY_LENGTH) {
      return refuse("the body is longer than " + MAX_BODY_LENGTH + " characters");
    }
    OrderRequest order;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonValue parsed = reader.readValue();
      order = OrderRequest.from(parsed);
    } catch (JsonException e) {
      return refuse("malformed JSON");
    } catch (OrderRequest.InvalidOrderException e) {
      return refuse(e.getMessage());
    }
    String orderId = "ord-" + sequence.incrementAndGet();
    try (Scope scope = LogContext.bind("user_id", order.userId())) {
      log.info("order received");
      followUps.start(orderId, order, SelfUri.of(servlet));
    }
    return Response.created(URI.create("/orders/" + orderId))
        .entity(
            Json.createObjectBuilder()
                .add("status", "created")
                .add("orderId", orderId)
                .build()
                .toString())
        .build();
  }

  private static Response refuse(String reason) {
    log.info("order refused: {}", reason);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(Json.createObjectBuilder().add("error", reason).build().toString())
        .build();
  }
}
