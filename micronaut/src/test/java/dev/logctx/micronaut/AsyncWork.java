package dev.logctx.micronaut;

import dev.logctx.PreserveContext;
import io.micronaut.scheduling.annotation.Async;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code @Async} methods on {@link TestExecutors#SINGLE}, a one-thread pool that neither Micronaut
 * nor logctx decorates: only the advice can carry the MDC there.
 */
@Singleton
public class AsyncWork {
  private static final Logger log = LoggerFactory.getLogger(AsyncWork.class);

  private volatile @Nullable Publisher<String> lastPublisher;

  /** Logs, then puts a key of its own into the MDC (which must not leak anywhere). */
  @PreserveContext
  @Async(TestExecutors.SINGLE)
  public CompletableFuture<String> preserved(String label) {
    log.info("body {}", label);
    MDC.put("left_by_task", label);
    MDC.put("request_id", "changed-by-" + label);
    return CompletableFuture.completedFuture(label);
  }

  /** The same without {@code @PreserveContext}: the negative control. */
  @Async(TestExecutors.SINGLE)
  public CompletableFuture<String> plain(String label) {
    log.info("body {}", label);
    return CompletableFuture.completedFuture(label);
  }

  /** Waits for {@code release} on the pool thread, so the caller adds its stages first. */
  @PreserveContext
  @Async(TestExecutors.SINGLE)
  public CompletableFuture<String> preservedAfter(CountDownLatch release, String label)
      throws InterruptedException {
    return afterRelease(release, label);
  }

  /** Without the advice, the same wait. */
  @Async(TestExecutors.SINGLE)
  public CompletableFuture<String> plainAfter(CountDownLatch release, String label)
      throws InterruptedException {
    return afterRelease(release, label);
  }

  /**
   * Returns a publisher: the advice runs this body (the assembly) in the call-site context and
   * returns the publisher as it is.
   */
  @PreserveContext
  public Publisher<String> publisher(String label) {
    log.info("assembling {}", label);
    MDC.put("left_by_task", label);
    Publisher<String> publisher =
        Mono.fromCallable(
            () -> {
              log.info("signal {}", label);
              return label;
            });
    lastPublisher = publisher;
    return publisher;
  }

  /** The publisher {@link #publisher(String)} built last. */
  @Nullable Publisher<String> lastPublisher() {
    return lastPublisher;
  }

  /** The read-only view of {@code own}: its {@code cancel} throws, as the JDK's minimal stage's. */
  @PreserveContext
  public CompletionStage<String> preservedMinimalStage(CompletableFuture<String> own) {
    return own.minimalCompletionStage();
  }

  /** Without the advice, the same view. */
  public CompletionStage<String> plainMinimalStage(CompletableFuture<String> own) {
    return own.minimalCompletionStage();
  }

  /** Runs synchronously, on the caller's thread, and changes the MDC. */
  @PreserveContext
  public String synchronous(String label) {
    log.info("body {}", label);
    MDC.put("left_by_task", label);
    MDC.remove("request_id");
    return label;
  }

  private static CompletableFuture<String> afterRelease(CountDownLatch release, String label)
      throws InterruptedException {
    if (!release.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not released");
    }
    log.info("body {}", label);
    return CompletableFuture.completedFuture(label);
  }
}
