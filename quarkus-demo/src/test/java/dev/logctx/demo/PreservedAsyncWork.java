package dev.logctx.demo;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/**
 * A {@code @PreserveContext} bean whose method MicroProfile Fault Tolerance runs on its own thread
 * ({@code @Asynchronous}), as {@link OrderNotifier} in the demo. Exists for the copy-semantics
 * tests only ({@link Handover#PRESERVE_CONTEXT_ASYNC_BEAN}).
 */
@ApplicationScoped
@PreserveContext
public class PreservedAsyncWork {

  /** Runs {@code work} later, on a Fault Tolerance thread, in the caller's logging context. */
  @Asynchronous
  public CompletionStage<Void> run(Runnable work) {
    work.run();
    return CompletableFuture.completedFuture(null);
  }
}
