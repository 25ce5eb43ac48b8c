package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The REST client call carries the caller's request id: checked where the inventory receives it. */
@QuarkusTest
class InventoryReceivesTheCallersIdTest {

  @Inject InventoryLedger ledger;

  @Test
  void inventory_endpoint_should_receive_the_callers_request_id() {
    try (CapturedLog log = CapturedLog.ofRootLogger().install()) {
      OrderClient.Placed placed = OrderClient.place("req-inventory-1", "user-inv-1");
      OrderClient.awaitFollowUps(placed.orderId());

      assertThat(ledger.received()).contains("req-inventory-1");
      assertThat(log.withMessage("follow-up: inventory"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.requestId()).isEqualTo("req-inventory-1");
                assertThat(line.userId()).isEqualTo("user-inv-1");
              });
    }
  }

  @Test
  void generated_id_should_be_forwarded_too() {
    int before = ledger.received().size();
    OrderClient.Placed placed = OrderClient.place(null, "user-inv-2");
    OrderClient.awaitFollowUps(placed.orderId());

    assertThat(ledger.received().subList(before, ledger.received().size()))
        .contains(placed.requestId());
  }
}
