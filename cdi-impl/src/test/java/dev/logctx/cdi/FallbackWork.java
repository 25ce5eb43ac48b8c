package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fault Tolerance {@code @Asynchronous} methods that always fail, are retried after a delay (Fault
 * Tolerance's timer thread) and then fall back: each attempt and each fallback logs the id its
 * caller passed, so a test can compare it with the MDC the line carried. Each fallback returns the
 * request id it ran with.
 */
@ApplicationScoped
public class FallbackWork {
  static final int RETRIES = 2;
  static final String ATTEMPT = "attempt ";
  static final String FALLBACK_METHOD = "fallback method ";
  static final String FALLBACK_HANDLER = "fallback handler ";

  private static final Logger log = LoggerFactory.getLogger(FallbackWork.class);

  // docs/cdi.md, "Fault Tolerance: retries, delays and fallbacks"
  /** Falls back to {@link #fallbackMethod}, on Fault Tolerance's thread, after two retries. */
  @PreserveContext
  @Asynchronous
  @Retry(maxRetries = RETRIES, delay = 20, jitter = 0)
  @Fallback(fallbackMethod = "fallbackMethod")
  public CompletionStage<String> withFallbackMethod(String callersId) {
    log.info(ATTEMPT + "{}", callersId);
    return CompletableFuture.failedFuture(new IllegalStateException("warehouse down"));
  }

  /** The fallback of {@link #withFallbackMethod}: Fault Tolerance calls it, no interceptor does. */
  public CompletionStage<String> fallbackMethod(String callersId) {
    log.info(FALLBACK_METHOD + "{}", callersId);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }

  /** Falls back to {@link LoggingFallbackHandler} after two retries; the attempts throw. */
  @PreserveContext
  @Asynchronous
  @Retry(maxRetries = RETRIES, delay = 20, jitter = 0)
  @Fallback(LoggingFallbackHandler.class)
  public CompletionStage<String> withFallbackHandler(String callersId) {
    log.info(ATTEMPT + "{}", callersId);
    throw new IllegalStateException("warehouse down");
  }

  /** {@link #withFallbackMethod} without {@code @PreserveContext}. */
  @Asynchronous
  @Retry(maxRetries = RETRIES, delay = 20, jitter = 0)
  @Fallback(fallbackMethod = "fallbackMethod")
  public CompletionStage<String> withFallbackMethodNotPreserved(String callersId) {
    log.info(ATTEMPT + "{}", callersId);
    return CompletableFuture.failedFuture(new IllegalStateException("warehouse down"));
  }
}
