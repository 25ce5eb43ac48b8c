package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.logctx.ContextualTasks;
import dev.logctx.testsupport.CapturedLog;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Asynchronous resources ({@code AsyncResponse}, a {@code CompletionStage} completed elsewhere):
 * the request filter runs on the request thread, the response filter wherever the response is
 * resumed — on thread-per-request runtimes (Jersey, RESTEasy Classic) inline, on the thread that
 * calls {@code resume}. The filter leaves the MDC of that other thread exactly as it was.
 */
class AsyncResponseRequestIdTest {
  private final RequestIdFilter filter = new RequestIdFilter();
  private PooledThread requestThread;
  private PooledThread worker;
  private CapturedLog logs;

  @BeforeEach
  void start() {
    requestThread = PooledThread.named("request-thread");
    worker = PooledThread.named("worker");
    logs = CapturedLog.ofRootLogger().atDebug().install();
  }

  @AfterEach
  void stop() {
    logs.close();
    requestThread.close();
    worker.close();
    assertThat(MDC.getCopyOfContextMap()).as("the test thread's MDC").isNullOrEmpty();
  }

  @Test
  void a_response_phase_on_another_thread_leaves_that_threads_mdc_exactly_as_it_was() {
    worker.setMdc(Map.of("job", "x"));
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-async-1");
    ContainerResponseContext response = FakeContexts.response();

    requestThread.run(() -> filter.filter(request));
    worker.run(
        () -> {
          filter.filter(request, response);
          Requests.server.info("response written");
        });

    assertThat(worker.mdc()).isEqualTo(Map.of("job", "x"));
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-async-1");
    assertThat(logs.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).isEqualTo(Map.of("job", "x")));
  }

  /**
   * What remains on the request thread: the filter cannot reach it from the thread of the response,
   * so the id stays there until the next request the filter binds on that thread replaces it; that
   * request's response phase, on its own thread, removes it.
   */
  @Test
  void the_request_thread_keeps_the_id_until_the_next_request_there_is_over() {
    ContainerRequestContext asynchronous = FakeContexts.request("X-Request-ID", "req-async-2");
    requestThread.run(() -> filter.filter(asynchronous));
    worker.run(() -> filter.filter(asynchronous, FakeContexts.response()));

    assertThat(requestThread.mdc()).isEqualTo(Map.of("request_id", "req-async-2"));

    requestThread.run(() -> Requests.serve(filter, "req-sync-3"));

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, CapturedLog.Line::mdc)
        .containsExactly(
            tuple("handling", Map.of("request_id", "req-sync-3")),
            tuple("response written", Map.of()));
    assertThat(requestThread.mdc()).isEmpty();
  }

  @Test
  void a_response_resumed_by_a_contextual_task_leaves_that_task_its_id() throws Exception {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-async-4");
    ContainerResponseContext response = FakeContexts.response();

    CompletableFuture<Void> task =
        requestThread.call(
            () -> {
              filter.filter(request);
              Requests.resource.info("suspended");
              return ContextualTasks.runInExecutorWithContext(
                  worker,
                  () -> {
                    Requests.resource.info("working");
                    filter.filter(request, response); // asyncResponse.resume(...) runs it here
                    Requests.resource.info("after resume");
                  });
            });
    task.get(10, TimeUnit.SECONDS);

    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-async-4");
    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, CapturedLog.Line::mdc)
        .containsExactly(
            tuple("suspended", Map.of("request_id", "req-async-4")),
            tuple("working", Map.of("request_id", "req-async-4")),
            tuple("after resume", Map.of("request_id", "req-async-4")));
    assertThat(worker.mdc()).as("the worker once the task is over").isEmpty();
  }

  @Test
  void an_async_request_never_resumed_leaves_nothing_once_the_next_request_there_is_over() {
    ContainerRequestContext abandoned = FakeContexts.request("X-Request-ID", "req-async-5");
    CompletableFuture<Void> failed =
        requestThread.call(
            () -> {
              filter.filter(abandoned);
              return ContextualTasks.runInExecutorWithContext(
                  worker,
                  () -> {
                    Requests.resource.info("working");
                    throw new IllegalStateException("failed before resuming");
                  });
            });
    assertThat(failed)
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .withMessage("failed before resuming");

    requestThread.run(() -> Requests.serve(filter, "req-sync-6"));

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, CapturedLog.Line::mdc)
        .containsExactly(
            tuple("working", Map.of("request_id", "req-async-5")),
            tuple("handling", Map.of("request_id", "req-sync-6")),
            tuple("response written", Map.of()));
    assertThat(requestThread.mdc()).as("the request thread").isEmpty();
    assertThat(worker.mdc()).as("the worker").isEmpty();
  }
}
