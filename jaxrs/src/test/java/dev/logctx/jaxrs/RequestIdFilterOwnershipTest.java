package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.logctx.testsupport.CapturedLog;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The filter owns the MDC key {@code request_id} and nothing else: the response phase removes it
 * only in the MDC where it was put (here: the thread) and only while it still holds this request's
 * id, never puts back a value found there before, and never touches another key. Each test drives
 * the filter directly, on one reused pooled thread, as a thread-per-request server does.
 */
class RequestIdFilterOwnershipTest {
  private final RequestIdFilter filter = new RequestIdFilter();
  private PooledThread thread;
  private CapturedLog logs;

  @BeforeEach
  void start() {
    thread = PooledThread.named("request-thread");
    logs = CapturedLog.ofRootLogger().atDebug().install();
  }

  @AfterEach
  void stop() {
    logs.close();
    thread.close();
    assertThat(MDC.getCopyOfContextMap()).as("the test thread's MDC").isNullOrEmpty();
  }

  @Test
  void a_request_without_its_response_phase_leaves_no_id_once_the_next_request_is_over() {
    thread.setMdc(Map.of("job", "x"));
    ContainerRequestContext first = FakeContexts.request("X-Request-ID", "req-1");
    thread.run(() -> filter.filter(first)); // its response phase never runs

    thread.run(() -> Requests.serve(filter, "req-2"));

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, CapturedLog.Line::mdc)
        .containsExactly(
            tuple("handling", Map.of("job", "x", "request_id", "req-2")),
            tuple("response written", Map.of("job", "x")));
    assertThat(thread.mdc()).isEqualTo(Map.of("job", "x"));
  }

  @Test
  void a_request_id_left_on_the_thread_by_earlier_work_is_not_put_back() {
    thread.setMdc(Map.of("tenant", "acme", "request_id", "old"));

    thread.run(() -> Requests.serve(filter, "req-3"));

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, CapturedLog.Line::mdc)
        .containsExactly(
            tuple("handling", Map.of("tenant", "acme", "request_id", "req-3")),
            tuple("response written", Map.of("tenant", "acme")));
    assertThat(thread.mdc()).isEqualTo(Map.of("tenant", "acme"));
  }

  @Test
  void the_response_phase_leaves_a_request_id_that_another_binding_put_there_alone() {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-4");
    ContainerResponseContext response = FakeContexts.response();

    thread.run(
        () -> {
          filter.filter(request);
          MDC.put("request_id", "batch-7"); // other code bound its own value since
          filter.filter(request, response);
          Requests.server.info("response written");
        });

    assertThat(thread.mdc()).isEqualTo(Map.of("request_id", "batch-7"));
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-4");
    assertThat(logs.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).isEqualTo(Map.of("request_id", "batch-7")));
  }

  @Test
  void the_response_phase_touches_no_other_key() {
    thread.setMdc(Map.of("job", "x"));
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-5");

    thread.run(
        () -> {
          filter.filter(request);
          MDC.put("user_id", "alice"); // the resource's own keys: not the filter's business
          MDC.remove("job");
          filter.filter(request, FakeContexts.response());
        });

    assertThat(thread.mdc()).isEqualTo(Map.of("user_id", "alice"));
  }

  @Test
  void after_an_exception_that_skips_the_response_filters_the_next_request_logs_only_its_own_id() {
    ContainerRequestContext failing = FakeContexts.request("X-Request-ID", "req-fails");
    assertThatThrownBy(
            () ->
                thread.run(
                    () ->
                        Requests.serve(
                            filter,
                            failing,
                            () -> {
                              Requests.resource.info("handling");
                              throw new IllegalStateException("no mapper for this");
                            })))
        .hasMessage("no mapper for this");

    thread.run(() -> Requests.serve(filter, "req-next"));

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, line -> line.mdc().get("request_id"))
        .containsExactly(
            tuple("handling", "req-fails"),
            tuple("handling", "req-next"),
            tuple("response written", null));
    assertThat(thread.mdc()).as("the pooled thread after both requests").isEmpty();
  }
}
