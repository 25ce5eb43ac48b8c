package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.logctx.testsupport.CapturedLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The servlet filter that cleans the request thread, around a JAX-RS runtime whose request
 * properties are the servlet request's attributes (as the JAX-RS specification has it in a servlet
 * container): an asynchronous request resumed on another thread leaves no id on the request thread
 * once the chain returns there; it never touches another key, another thread, or an id that other
 * code put since. The same runs without the servlet filter are the negative controls.
 */
class RequestThreadCleanupFilterTest {
  private final RequestIdFilter requestIds = new RequestIdFilter();
  private final RequestThreadCleanupFilter cleanup = new RequestThreadCleanupFilter();
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

  /** A request with {@code X-Request-ID: id}: its servlet request and its JAX-RS context. */
  private record Request(ServletRequest servlet, ContainerRequestContext jaxrs) {
    static Request withId(String id) {
      Map<String, Object> attributes = new ConcurrentHashMap<>();
      MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
      headers.add("X-Request-ID", id);
      return new Request(
          FakeContexts.servletRequest(attributes), FakeContexts.request(headers, attributes));
    }
  }

  /** The JAX-RS runtime of an asynchronous resource: the request phase, then suspended. */
  private FilterChain suspendingRuntime(Request request) {
    return (servletRequest, servletResponse) -> {
      requestIds.filter(request.jaxrs());
      Requests.resource.info("suspended");
    };
  }

  /** The early part of the next request on the thread: what a filter before ours logs. */
  private void logBeforeTheRequestIdFilter() {
    Requests.server.info("before the request-id filter");
  }

  @Test
  void an_async_request_leaves_no_id_on_the_request_thread_once_the_chain_returns() {
    Request request = Request.withId("req-async-1");

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(request.servlet(), null, suspendingRuntime(request));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    worker.run(() -> requestIds.filter(request.jaxrs(), FakeContexts.response()));
    requestThread.run(this::logBeforeTheRequestIdFilter);

    assertThat(requestThread.mdc()).isEmpty();
    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, line -> line.mdc().get("request_id"))
        .containsExactly(tuple("suspended", "req-async-1"), tuple("before the request-id filter", null));
  }

  /** Negative control: the same request without the servlet filter leaves its id behind. */
  @Test
  void without_the_servlet_filter_the_request_thread_keeps_the_async_requests_id() {
    Request request = Request.withId("req-async-2");

    requestThread.run(() -> requestIds.filter(request.jaxrs()));
    worker.run(() -> requestIds.filter(request.jaxrs(), FakeContexts.response()));
    requestThread.run(this::logBeforeTheRequestIdFilter);

    assertThat(requestThread.mdc()).isEqualTo(Map.of("request_id", "req-async-2"));
    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, line -> line.mdc().get("request_id"))
        .containsExactly(tuple("before the request-id filter", "req-async-2"));
    requestThread.setMdc(Map.of());
  }

  /**
   * A server thread that starts with another request's id it never served: JBoss LogManager's MDC
   * (WildFly's) is inheritable, so a pool thread created by a thread that runs a request's work
   * (the managed executor thread that resumes an asynchronous response, which makes the server
   * start a request thread) begins with a copy of that request's MDC.
   */
  private static final Map<String, String> INHERITED =
      Map.of("request_id", "req-of-the-creating-thread", "tenant", "t0");

  /** The chain of a request: a filter before ours logs, then the request filter, the resource. */
  private FilterChain runtimeLoggingEarly(Request request) {
    return (servletRequest, servletResponse) -> {
      logBeforeTheRequestIdFilter();
      requestIds.filter(request.jaxrs());
      Requests.resource.info("handling");
      requestIds.filter(request.jaxrs(), FakeContexts.response());
    };
  }

  @Test
  void a_new_request_thread_that_inherited_another_requests_id_never_shows_it_to_a_filter_before_ours() {
    Request request = Request.withId("req-first-on-thread-8");
    requestThread.setMdc(INHERITED);

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(request.servlet(), null, runtimeLoggingEarly(request));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, line -> line.mdc().get("request_id"))
        .containsExactly(
            tuple("before the request-id filter", null), tuple("handling", "req-first-on-thread-8"));
    assertThat(requestThread.mdc()).as("other keys are not the filter's").isEqualTo(Map.of("tenant", "t0"));
    requestThread.setMdc(Map.of());
  }

  /** Negative control: without the servlet filter the early line carries the inherited id. */
  @Test
  void without_the_servlet_filter_a_filter_before_ours_sees_the_inherited_id() {
    Request request = Request.withId("req-first-on-thread-9");
    requestThread.setMdc(INHERITED);

    requestThread.run(
        () -> {
          try {
            runtimeLoggingEarly(request).doFilter(request.servlet(), null);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(logs.lines())
        .extracting(CapturedLog.Line::message, line -> line.mdc().get("request_id"))
        .containsExactly(
            tuple("before the request-id filter", "req-of-the-creating-thread"),
            tuple("handling", "req-first-on-thread-9"));
    requestThread.setMdc(Map.of());
  }

  @Test
  void the_cleanup_touches_no_other_key_and_not_the_resuming_thread() {
    Request request = Request.withId("req-async-3");
    requestThread.setMdc(Map.of("tenant", "t1"));
    worker.setMdc(Map.of("job", "j1", "request_id", "req-async-3"));

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(request.servlet(), null, suspendingRuntime(request));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(requestThread.mdc()).isEqualTo(Map.of("tenant", "t1"));
    assertThat(worker.mdc()).isEqualTo(Map.of("job", "j1", "request_id", "req-async-3"));
    requestThread.setMdc(Map.of());
    worker.setMdc(Map.of());
  }

  @Test
  void an_id_that_other_code_put_since_the_request_phase_is_left_alone() {
    Request request = Request.withId("req-async-4");

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(
                request.servlet(),
                null,
                (servletRequest, servletResponse) -> {
                  requestIds.filter(request.jaxrs());
                  MDC.put("request_id", "put-by-other-code");
                });
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(requestThread.mdc()).isEqualTo(Map.of("request_id", "put-by-other-code"));
    requestThread.setMdc(Map.of());
  }

  @Test
  void a_synchronous_request_ends_as_without_the_servlet_filter() {
    Request request = Request.withId("req-sync-5");

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(
                request.servlet(),
                null,
                (servletRequest, servletResponse) -> {
                  requestIds.filter(request.jaxrs());
                  MDC.put("user_id", "u5");
                  Requests.resource.info("handling");
                  requestIds.filter(request.jaxrs(), FakeContexts.response());
                });
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(requestThread.mdc()).isEqualTo(Map.of("user_id", "u5"));
    assertThat(logs.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).containsEntry("request_id", "req-sync-5"));
    requestThread.setMdc(Map.of());
  }

  @Test
  void a_request_that_ends_with_an_exception_leaves_no_id_and_the_exception_goes_on() {
    Request request = Request.withId("req-failing-7");
    IllegalStateException thrown = new IllegalStateException("no mapper for this");

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(
                request.servlet(),
                null,
                (servletRequest, servletResponse) -> {
                  requestIds.filter(request.jaxrs());
                  throw thrown;
                });
            throw new AssertionError("the chain's exception did not reach the container");
          } catch (IllegalStateException e) {
            assertThat(e).isSameAs(thrown);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(requestThread.mdc()).isEmpty();
  }

  @Test
  void registered_twice_only_the_outer_filter_cleans_and_the_chain_runs_once() throws Exception {
    Request request = Request.withId("req-async-6");
    int[] runs = {0};
    FilterChain inner =
        (servletRequest, servletResponse) -> {
          runs[0]++;
          requestIds.filter(request.jaxrs());
        };

    requestThread.run(
        () -> {
          try {
            cleanup.doFilter(
                request.servlet(),
                null,
                (servletRequest, servletResponse) -> {
                  new RequestThreadCleanupFilter().doFilter(servletRequest, servletResponse, inner);
                  assertThat(MDC.get("request_id")).as("after the inner filter").isEqualTo("req-async-6");
                });
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThat(runs[0]).isEqualTo(1);
    assertThat(requestThread.mdc()).isEmpty();
  }
}
