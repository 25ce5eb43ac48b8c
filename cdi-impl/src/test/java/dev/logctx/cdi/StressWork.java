package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/** The {@code @PreserveContext} path of {@link MixedPathsStressTest}: run by Fault Tolerance. */
@ApplicationScoped
public class StressWork {

  /** Checks the MDC the body runs with, scribbles on it, and fails when asked to. */
  @PreserveContext
  @Asynchronous
  public CompletionStage<String> check(MixedPathsStressTest.Probe probe) throws Exception {
    return CompletableFuture.completedFuture(probe.call());
  }
}
