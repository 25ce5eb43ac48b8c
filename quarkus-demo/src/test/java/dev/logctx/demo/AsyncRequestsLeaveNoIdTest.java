package dev.logctx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of the Jakarta EE demo's {@code a_filter_before_ours_never_sees_another_requests_id}
 * in Quarkus REST, where the MDC of a request lives in its Vert.x context rather than on a thread: a
 * filter of the application that runs before {@code RequestIdFilter} sees no request id on any of
 * several hundred interleaved asynchronous ({@code AsyncResponse}, {@code CompletionStage}) and
 * synchronous requests from a few clients, while each resource line carries its own request's id.
 */
@QuarkusTest
class AsyncRequestsLeaveNoIdTest extends WithCapturedLog {
  private static final int REQUESTS = 400;
  private static final int CLIENTS = 4;
  private static final String[] PATHS = {"sync", "suspended", "stage", "suspended"};

  private final String run = Long.toString(System.nanoTime(), 36);

  @Test
  void a_filter_before_ours_never_sees_another_requests_id() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(
            clients.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                    String id = "async-" + run + "-" + i;
                    HttpResponse<String> response =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://localhost:" + RestAssured.port + "/async-requests/"
                                            + PATHS[i % PATHS.length]))
                                .header("X-Request-ID", id)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(id).isEqualTo(200);
                    assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get(5, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }

    List<CapturedLog.Line> early =
        log.withMessage(AsyncRequestsResource.EARLY_LINE);
    List<CapturedLog.Line> accepted =
        log.withMessage(AsyncRequestsResource.ACCEPTED);
    long foreign = early.stream().filter(line -> line.requestId() != null).count();
    long threads = early.stream().map(CapturedLog.Line::thread).distinct().count();
    System.out.printf(
        "[quarkus] early filter before RequestIdFilter: another request's id on %d of %d requests"
            + " (%d threads)%n",
        foreign, early.size(), threads);
    assertThat(early).hasSize(REQUESTS);
    assertThat(early).allSatisfy(line -> assertThat(line.requestId()).as(line.toString()).isNull());
    assertThat(accepted).hasSize(REQUESTS);
    assertThat(accepted)
        .allSatisfy(line -> assertThat(line.requestId()).startsWith("async-" + run + "-"));
    assertThat(accepted.stream().map(CapturedLog.Line::requestId).distinct()).hasSize(REQUESTS);
  }
}
