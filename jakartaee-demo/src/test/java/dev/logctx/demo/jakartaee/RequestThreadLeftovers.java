package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the server's request threads carry when a request reaches the application's first filter
 * ({@code EarlyRequestFilter}, pre-matching, priority 100, before logctx's {@code RequestIdFilter}):
 * a few clients send requests one after another, three in four to the asynchronous endpoints (an
 * {@code AsyncResponse} resumed by another thread, a {@code CompletionStage} completed by another
 * thread) and one in four to a synchronous one, so that the server's threads serve synchronous and
 * asynchronous requests in turn. Every id the early filter's line carries is another request's.
 */
final class RequestThreadLeftovers {
  /** The message of the early filter's line. */
  static final String EARLY_LINE = "before the request-id filter";

  private static final String[] PATHS = {"/async/sync", "/async/suspended", "/async/stage", "/async/suspended"};

  private RequestThreadLeftovers() {}

  /**
   * The early lines of one run.
   *
   * @param requests requests sent
   * @param lines early lines read (one per request)
   * @param foreign of these, lines that carry a request id (all another request's)
   * @param threads distinct server threads that logged them
   * @param example one such line, or null
   */
  record Result(int requests, int lines, int foreign, int threads, @Nullable LogLine example) {
    void print(String what) {
      System.out.printf(
          "[%s] early filter before RequestIdFilter: another request's id on %d of %d requests"
              + " (%d server threads)%s%n",
          what, foreign, lines, threads, example == null ? "" : "; e.g. " + example);
    }
  }

  /** Sends {@code requests} requests from {@code clients} clients and reads the early lines. */
  static Result measure(RunningServer server, String tag, int requests, int clients) throws Exception {
    ServerLog.Mark mark = server.server.log().mark();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    String id = server.name() + "-" + tag + "-" + i;
                    HttpResponse<String> response =
                        server.http.send(
                            HttpRequest.newBuilder(server.server.uri(PATHS[i % PATHS.length]))
                                .header("X-Request-ID", id)
                                .timeout(Duration.ofSeconds(60))
                                .GET()
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(id + ": " + response.body()).isEqualTo(200);
                    assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    List<LogLine> lines =
        server.server.log().await(mark, line -> EARLY_LINE.equals(line.message()), requests, Duration.ofSeconds(60));
    List<LogLine> foreign = lines.stream().filter(line -> line.requestId() != null).toList();
    Set<String> threads = lines.stream().map(LogLine::threadName).collect(Collectors.toSet());
    return new Result(requests, lines.size(), foreign.size(), threads.size(), foreign.isEmpty() ? null : foreign.get(0));
  }
}
