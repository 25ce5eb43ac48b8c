package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code @PreserveContext} on the class: every business method keeps the call-site context. */
@PreserveContext
@ApplicationScoped
public class PreservedClassWork {
  private static final Logger log = LoggerFactory.getLogger(PreservedClassWork.class);

  @Asynchronous
  public CompletionStage<String> faultTolerant(String line) {
    log.info(line);
    return CompletableFuture.completedFuture(MDC.get("request_id"));
  }

  @OffThread
  public CompletableFuture<String> offThread(String line) {
    log.info(line);
    return CompletableFuture.completedFuture(MDC.get("request_id"));
  }
}
