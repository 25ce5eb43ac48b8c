package dev.logctx.demo.micronaut;

import dev.logctx.PreserveContext;
import io.micronaut.scheduling.annotation.Async;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bean whose method Micronaut's {@code @Async} runs on the application's {@link
 * NotificationPool}; {@code @PreserveContext} (logctx-micronaut, mapped to Micronaut AOP by
 * logctx-micronaut-processor) runs the body in the caller's logging context of the moment of the
 * call.
 */
@Singleton
@PreserveContext
class OrderNotifier {
  private static final Logger log = LoggerFactory.getLogger(OrderNotifier.class);

  /** Tells the warehouse, later, on another thread. Logs {@code follow-up: async bean}. */
  @Async(NotificationPool.NAME)
  public CompletableFuture<Void> notifyWarehouse(String orderId) {
    FollowUp.ASYNC_BEAN.log(log, orderId);
    return CompletableFuture.completedFuture(null);
  }
}
