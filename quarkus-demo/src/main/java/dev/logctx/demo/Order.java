package dev.logctx.demo;

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
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String orderId;
  private final OrderRequest request;
  private final String requestId;
  private final Map<FollowUp, Status> followUps = new ConcurrentHashMap<>();

  Order(String orderId, OrderRequest request, String requestId) {
    this.orderId = orderId;
    this.request = request;
    this.requestId = requestId;
  }

  String orderId() {
    return orderId;
  }

  OrderRequest request() {
    return request;
  }

  String requestId() {
    return requestId;
  }

  void set(FollowUp followUp, Status status) {
    followUps.put(followUp, status);
  }

  /** The status of every follow-up, pending for those not started yet. */
  Map<FollowUp, Status> followUps() {
    Map<FollowUp, Status> all = new java.util.EnumMap<>(FollowUp.class);
    for (FollowUp followUp : FollowUp.values()) {
      all.put(followUp, followUps.getOrDefault(followUp, Status.PENDING));
    }
    return all;
  }
}
