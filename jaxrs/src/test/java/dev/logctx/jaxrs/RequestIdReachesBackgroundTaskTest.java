package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualTasks;
import dev.logctx.testsupport.CapturedLog;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A resource that hands work to a pooled thread while the filter has the request id bound. */
class RequestIdReachesBackgroundTaskTest {
  private static final Logger log = LoggerFactory.getLogger(RequestIdReachesBackgroundTaskTest.class);
  private static final ExecutorService pool = Executors.newSingleThreadExecutor();

  private final RequestIdFilter filter = new RequestIdFilter();

  @AfterAll
  static void stop_the_pool() {
    pool.shutdownNow();
  }

  @AfterEach
  void mdc_should_be_empty() {
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void background_task_should_log_with_the_request_id() {
    try (CapturedLog logs = CapturedLog.ofRootLogger().atDebug().install()) {
      ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-42");
      filter.filter(request);
      CompletableFuture<Void> task =
          ContextualTasks.runInExecutorWithContext(pool, () -> log.info("background work"));
      filter.filter(request, FakeContexts.response());
      task.join();

      assertThat(logs.lines())
          .filteredOn(line -> line.message().equals("background work"))
          .singleElement()
          .satisfies(line -> assertThat(line.mdc()).containsEntry("request_id", "req-42"));
    }
  }

  @Test
  void should_not_reach_a_plain_executor_task_negative_control() {
    try (CapturedLog logs = CapturedLog.ofRootLogger().atDebug().install()) {
      ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-43");
      filter.filter(request);
      CompletableFuture<Void> task =
          CompletableFuture.runAsync(() -> log.info("background work"), pool);
      filter.filter(request, FakeContexts.response());
      task.join();

      assertThat(logs.lines())
          .filteredOn(line -> line.message().equals("background work"))
          .singleElement()
          .satisfies(line -> assertThat(line.mdc()).doesNotContainKey("request_id"));
    }
  }
}
