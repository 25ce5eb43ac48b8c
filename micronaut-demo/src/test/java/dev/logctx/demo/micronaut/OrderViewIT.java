package dev.logctx.demo.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /orders/{id}}: the order as placed and where each follow-up is; 404 for no order. */
class OrderViewIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void should_show_the_order_and_each_follow_up() throws Exception {
    DemoServer server = DemoServer.shared();
    OrderClient.Placed placed = OrderClient.place(server, "req-view-1", "user-view-1");
    OrderClient.awaitLinesOf(server, List.of(placed));

    HttpResponse<String> response = OrderClient.get(server, "/orders/" + placed.orderId());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(response.body());
    assertThat(view.path("orderId").asText()).isEqualTo(placed.orderId());
    assertThat(view.path("userId").asText()).isEqualTo("user-view-1");
    assertThat(view.path("item").asText()).isEqualTo("book");
    assertThat(view.path("quantity").asInt()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    view.path("followUps").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "async-bean",
            "blocking-executor",
            "io-executor",
            "future-chain",
            "reactive",
            "reactor-schedulers",
            "task",
            "default-executor",
            "inventory");
    view.path("followUps")
        .forEach(status -> assertThat(status.asText()).isIn("pending", "done"));
  }

  @Test
  void should_answer_404_for_an_unknown_order() throws Exception {
    HttpResponse<String> response = OrderClient.get(DemoServer.shared(), "/orders/ord-0");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"no such order\"}");
  }
}
