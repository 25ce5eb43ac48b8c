package dev.logctx.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The orders taken since start, in memory. */
@ApplicationScoped
class Orders {
  private final Map<String, Order> byId = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  Order create(OrderRequest request, String requestId) {
    String orderId = "ord-" + sequence.incrementAndGet();
    Order order = new Order(orderId, request, requestId);
    byId.put(orderId, order);
    return order;
  }

  Optional<Order> find(String orderId) {
    return Optional.ofNullable(byId.get(orderId));
  }
}
