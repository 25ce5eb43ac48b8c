package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Methods that return a stage that another thread completes later. */
@ApplicationScoped
public class StageWork {
  private static final Logger log = LoggerFactory.getLogger(StageWork.class);

  @PreserveContext
  public CompletionStage<String> preservedStage(CompletableFuture<String> completedElsewhere) {
    log.info("preservedStage body");
    return completedElsewhere;
  }

  @PreserveContext
  public CompletableFuture<String> preservedFuture(CompletableFuture<String> completedElsewhere) {
    return completedElsewhere;
  }

  /** The read-only view of {@code own}: its {@code cancel} throws, as the JDK's minimal stage's. */
  @PreserveContext
  public CompletionStage<String> preservedMinimalStage(CompletableFuture<String> own) {
    return own.minimalCompletionStage();
  }

  /** The negative control of {@link #preservedMinimalStage}: the same without the interceptor. */
  public CompletionStage<String> minimalStage(CompletableFuture<String> own) {
    return own.minimalCompletionStage();
  }

  /** A declared type that the interceptor must not replace. */
  @PreserveContext
  public Future<String> preservedPlainFuture(CompletableFuture<String> completedElsewhere) {
    return completedElsewhere;
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  public CompletableFuture<String> future(CompletableFuture<String> completedElsewhere) {
    return completedElsewhere;
  }
}
