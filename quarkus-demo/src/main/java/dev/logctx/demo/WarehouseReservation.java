package dev.logctx.demo;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse that is always busy: Fault Tolerance runs each reservation on its own thread, retries
 * it twice after a short delay (its timer) and then falls back, on its own thread, outside every
 * interceptor. Every attempt, Fault Tolerance's own lines and the fallback carry the request's ids.
 */
@ApplicationScoped
@PreserveContext
public class WarehouseReservation {
  /** How often Fault Tolerance retries a reservation before it falls back. */
  static final int RETRIES = 2;

  private static final Logger log = LoggerFactory.getLogger(WarehouseReservation.class);

  /** Tries to reserve the order's items; always fails. Logs {@code reservation attempt <id>}. */
  @Asynchronous
  @Retry(maxRetries = RETRIES, delay = 10, jitter = 0)
  @Fallback(fallbackMethod = "reserveLater")
  public CompletionStage<Void> reserve(String orderId) {
    log.info("reservation attempt {}", orderId);
    return CompletableFuture.failedFuture(new IllegalStateException("warehouse busy"));
  }

  /**
   * The fallback of {@link #reserve}: queues the reservation. Logs {@code reservation queued <id>}
   * and {@code follow-up: fallback}.
   */
  public CompletionStage<Void> reserveLater(String orderId) {
    log.info("reservation queued {}", orderId);
    log.info(FollowUp.FALLBACK.logLine());
    return CompletableFuture.completedFuture(null);
  }
}
