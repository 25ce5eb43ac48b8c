package dev.logctx.demo;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bean whose method MicroProfile Fault Tolerance runs on another thread; {@code @PreserveContext}
 * runs its body in the caller's logging context.
 */
@ApplicationScoped
@PreserveContext
public class OrderNotifier {
  private static final Logger log = LoggerFactory.getLogger(OrderNotifier.class);

  /** Tells the warehouse, later, on a Fault Tolerance thread. Logs {@code follow-up: async bean}. */
  @Asynchronous
  public CompletionStage<Void> notifyWarehouse(String orderId) {
    log.info(FollowUp.ASYNC_BEAN.logLine());
    return CompletableFuture.completedFuture(null);
  }
}
