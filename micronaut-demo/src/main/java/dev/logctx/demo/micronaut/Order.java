package dev.logctx.demo.micronaut;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An accepted order and the state of its follow-up work. */
final class Order {
  /** Where one follow-up is. */
  enum Status {
    PENDING,
    DONE,
    FAILED;

    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String orderId;
  private final OrderRequest request;
  private final Map<FollowUp, Status> followUps = new ConcurrentHashMap<>();

  Order(String orderId, OrderRequest request) {
    this.orderId = orderId;
    this.request = request;
  }

  String orderId() {
    return orderId;
  }

  OrderRequest request() {
    return request;
  }

  void set(FollowUp followUp, Status status) {
    followUps.put(followUp, status);
  }

  /** The status of every follow-up, pending for those not started yet. */
  Map<FollowUp, Status> followUps() {
    Map<FollowUp, Status> all = new EnumMap<>(FollowUp.class);
    for (FollowUp followUp : FollowUp.values()) {
      all.put(followUp, followUps.getOrDefault(followUp, Status.PENDING));
    }
    return all;
  }
}
