package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.VertxMdcLocation;
import dev.logctx.testsupport.CapturedLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Whose MDC it is, where Quarkus keeps the MDC of a request as one map in the local data of the
 * request's Vert.x context and runs the response phase of a blocking endpoint on a worker thread,
 * on a context that holds that very map. The contexts and maps are real Vert.x ones laid out as
 * Quarkus 3.33 lays them out; the MDC itself is logback's (per thread) here, so the worker's MDC is
 * set to what the shared map shows there. The end-to-end proof in Quarkus is quarkus-demo's {@code
 * RequestIdOwnershipTest}.
 */
class QuarkusMdcOwnershipTest {
  private final RequestIdFilter filter = new RequestIdFilter();
  private Vertx vertx;
  private ContextInternal root;
  private PooledThread eventLoop;
  private PooledThread worker;
  private CapturedLog logs;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    root = (ContextInternal) vertx.getOrCreateContext();
    eventLoop = PooledThread.named("event-loop");
    worker = PooledThread.named("worker");
    logs = CapturedLog.ofRootLogger().atDebug().install();
  }

  @AfterEach
  void stop() throws Exception {
    logs.close();
    eventLoop.close();
    worker.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(MDC.getCopyOfContextMap()).as("the test thread's MDC").isNullOrEmpty();
  }

  @Test
  void a_response_phase_on_a_worker_context_sharing_the_requests_mdc_map_removes_the_id() {
    Map<String, String> requestMdc = new ConcurrentHashMap<>();
    ContextInternal onEventLoop = contextWithMdcMap(requestMdc);
    ContextInternal onWorker = contextWithMdcMap(requestMdc); // another context, the same map
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-q-1");

    eventLoop.run(() -> on(onEventLoop, () -> filter.filter(request)));
    worker.run(
        () ->
            on(
                onWorker,
                () -> {
                  MDC.setContextMap(Map.of("request_id", "req-q-1", "user_id", "alice"));
                  filter.filter(request, FakeContexts.response());
                  Requests.server.info("response written");
                }));

    assertThat(logs.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).isEqualTo(Map.of("user_id", "alice")));
    assertThat(worker.mdc()).isEqualTo(Map.of("user_id", "alice"));
  }

  @Test
  void a_context_with_an_mdc_map_of_its_own_is_another_owner() {
    ContextInternal onEventLoop = contextWithMdcMap(new ConcurrentHashMap<>());
    // as a task that logctx-cdi starts on the request's context: a nested context, its own map
    ContextInternal ownMap = contextWithMdcMap(new ConcurrentHashMap<>());
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-q-2");
    ContainerResponseContext response = FakeContexts.response();

    eventLoop.run(() -> on(onEventLoop, () -> filter.filter(request)));
    worker.run(
        () ->
            on(
                ownMap,
                () -> {
                  MDC.setContextMap(Map.of("request_id", "req-q-2", "user_id", "alice"));
                  filter.filter(request, response);
                }));

    assertThat(worker.mdc()).isEqualTo(Map.of("request_id", "req-q-2", "user_id", "alice"));
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-q-2");
  }

  /** A duplicated context whose local data holds {@code mdc} where Quarkus keeps the MDC. */
  private ContextInternal contextWithMdcMap(Map<String, String> mdc) {
    ContextInternal context = root.duplicate();
    ((Context) context).putLocal(VertxMdcLocation.QUARKUS_MDC_KEY, mdc);
    return context;
  }

  /** Runs {@code work} on the calling thread with {@code context} as its current Vert.x context. */
  private static void on(ContextInternal context, Runnable work) {
    ContextInternal previous = context.beginDispatch();
    try {
      assertThat(Vertx.currentContext()).isSameAs(context);
      work.run();
    } finally {
      context.endDispatch(previous);
    }
  }
}
