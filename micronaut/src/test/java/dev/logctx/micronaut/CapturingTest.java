package dev.logctx.micronaut;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.MDC;

/**
 * What the {@code @MicronautTest} classes share: the log lines of each test ({@link #logs}), a
 * test thread with an empty MDC, and a client for the embedded server.
 */
abstract class CapturingTest {
  @Inject
  @Client("/")
  HttpClient client;

  CapturedLog logs;

  @BeforeEach
  void capture() {
    MDC.clear();
    logs = CapturedLog.ofLoggers("dev.logctx").atDebug().install();
  }

  @AfterEach
  void release() {
    logs.close();
    MDC.clear();
  }

  /** GETs {@code path}, with the request id header {@code id} when it is not null. */
  HttpResponse<String> get(String path, @Nullable String id) {
    MutableHttpRequest<?> request = HttpRequest.GET(path);
    if (id != null) {
      request.header("X-Request-ID", id);
    }
    return client.toBlocking().exchange(request, String.class);
  }
}
