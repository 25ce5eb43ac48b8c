package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Methods that run asynchronously, with and without {@code @PreserveContext}. */
@ApplicationScoped
public class AsynchronousWork {
  private static final Logger log = LoggerFactory.getLogger(AsynchronousWork.class);

  // docs/cdi.md, "@PreserveContext"
  /** Fault Tolerance runs the body on its own thread pool; the caller's request id goes along. */
  @PreserveContext
  @Asynchronous
  public CompletionStage<String> preservedFaultTolerant(String line) {
    log.info(line);
    return CompletableFuture.completedFuture(MDC.get("request_id"));
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  @Asynchronous
  public CompletionStage<String> faultTolerant(String line) {
    log.info(line);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }

  /** Called many times at once: logs the id its caller had and returns the one it ran with. */
  @PreserveContext
  @Asynchronous
  public CompletionStage<String> echo(String callersId) {
    log.info("echo {}", callersId);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  @Asynchronous
  public CompletionStage<String> echoWithoutPreserving(String callersId) {
    log.info("echo {}", callersId);
    return CompletableFuture.completedFuture(String.valueOf(MDC.get("request_id")));
  }

  /**
   * Run off the caller's thread by the stand-in for Jakarta {@code @Asynchronous}; leaves a key in
   * the MDC of the pooled thread, as careless code does.
   */
  @PreserveContext
  @OffThread
  public CompletableFuture<String> preservedOffThread(String line) {
    log.info(line);
    String requestId = MDC.get("request_id");
    MDC.put("leaked_by", line);
    return CompletableFuture.completedFuture(requestId);
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  @OffThread
  public CompletableFuture<String> offThread(String line) {
    log.info(line);
    String requestId = String.valueOf(MDC.get("request_id"));
    MDC.put("leaked_by", line);
    return CompletableFuture.completedFuture(requestId);
  }
}
