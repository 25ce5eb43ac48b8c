package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fault Tolerance {@code @Asynchronous} methods whose returned stage fails later, completed by
 * whoever takes it from {@link #PENDING} (in a test: a thread of another request). Each attempt
 * and the fallback log the id the caller passed; the fallback returns the id it ran with.
 */
@ApplicationScoped
public class LateFailureWork {
  static final String ATTEMPT = "late attempt ";
  static final String FALLBACK = "late fallback ";
  static final BlockingQueue<CompletableFuture<String>> PENDING = new LinkedBlockingQueue<>();

  private static final Logger log = LoggerFactory.getLogger(LateFailureWork.class);

  /** Retried once after a delay, then falls back; each attempt's stage is failed by another. */
  @PreserveContext
  @Asynchronous
  @Retry(maxRetries = 1, delay = 20, jitter = 0)
  @Fallback(fallbackMethod = "fallback")
  public CompletionStage<String> preserved(String callersId) {
    return attempt(callersId);
  }

  /** {@link #preserved} without {@code @PreserveContext}. */
  @Asynchronous
  @Retry(maxRetries = 1, delay = 20, jitter = 0)
  @Fallback(fallbackMethod = "fallback")
  public CompletionStage<String> notPreserved(String callersId) {
    return attempt(callersId);
  }

  private static CompletionStage<String> attempt(String callersId) {
    log.info(ATTEMPT + "{}", callersId);
    CompletableFuture<String> later = new CompletableFuture<>();
    PENDING.add(later);
    return later;
  }

  /** The fallback of both: Fault Tolerance calls it, no interceptor does. */
  public CompletionStage<String> fallback(String callersId) {
    log.info(FALLBACK + "{}", callersId);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }
}
