package dev.logctx.demo.micronaut;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The orders taken since start, in memory. */
@Singleton
class Orders {
  private final Map<String, Order> byId = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  Order create(OrderRequest request) {
    String orderId = "ord-" + sequence.incrementAndGet();
    Order order = new Order(orderId, request);
    byId.put(orderId, order);
    return order;
  }

  Optional<Order> find(String orderId) {
    return Optional.ofNullable(byId.get(orderId));
  }
}
