package dev.logctx.cdi;

import jakarta.enterprise.context.Dependent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A fallback handler class: logs the caller's id it was given and returns the one it ran with. */
@Dependent
public class LoggingFallbackHandler implements FallbackHandler<CompletionStage<String>> {
  private static final Logger log = LoggerFactory.getLogger(LoggingFallbackHandler.class);

  @Override
  public CompletionStage<String> handle(ExecutionContext context) {
    log.info(FallbackWork.FALLBACK_HANDLER + "{}", context.getParameters()[0]);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }
}
