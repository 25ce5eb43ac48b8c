package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A request that a servlet container dispatches twice on the request thread: the REQUEST dispatch
 * (through {@link RequestThreadCleanupFilter}, which is mapped to REQUEST only) and then the
 * ERROR dispatch to an error page served by the JAX-RS runtime, with the same request attributes
 * (and so the same JAX-RS request properties). The error page must log the request's id, and the
 * thread must hold no id once the container takes it back.
 */
class RequestThreadCleanupDispatchesTest {
  private final RequestIdFilter requestIds = new RequestIdFilter();
  private final RequestThreadCleanupFilter cleanup = new RequestThreadCleanupFilter();
  private PooledThread requestThread;
  private CapturedLog logs;

  @BeforeEach
  void start() {
    requestThread = PooledThread.named("request-thread");
    logs = CapturedLog.ofRootLogger().atDebug().install();
  }

  @AfterEach
  void stop() {
    logs.close();
    requestThread.setMdc(Map.of());
    requestThread.close();
  }

  /** One servlet request, and a fresh JAX-RS context over its attributes for each dispatch. */
  private static final class Request {
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    final ServletRequest servlet = FakeContexts.servletRequest(attributes);
    final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();

    Request(String id) {
      headers.add("X-Request-ID", id);
    }

    ContainerRequestContext jaxrs() {
      return FakeContexts.request(headers, attributes);
    }
  }

  /** The REQUEST dispatch: the JAX-RS resource throws an exception no mapper handles. */
  private void requestDispatchThatThrows(Request request) {
    try {
      cleanup.doFilter(
          request.servlet,
          null,
          (servletRequest, servletResponse) -> {
            requestIds.filter(request.jaxrs());
            Requests.resource.info("failing resource");
            throw new IllegalStateException("no mapper for this");
          });
      throw new AssertionError("the chain's exception did not reach the container");
    } catch (IllegalStateException expected) {
      // the container turns it into an ERROR dispatch
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Disabled(
      "open defect: after the REQUEST dispatch the cleanup removed the id, while the request"
          + " property of RequestIdFilter's binding outlives that dispatch; in the ERROR dispatch"
          + " RequestIdFilter takes itself for registered twice and binds nothing, so the JAX-RS"
          + " error page logs without the request's id (it had it before the cleanup filter)")
  void a_jaxrs_error_page_after_an_unmapped_exception_logs_the_requests_id() {
    Request request = new Request("req-error-1");

    requestThread.run(
        () -> {
          requestDispatchThatThrows(request);
          ContainerRequestContext errorPage = request.jaxrs();
          requestIds.filter(errorPage);
          Requests.resource.info("error page");
          requestIds.filter(errorPage, FakeContexts.response());
        });

    assertThat(logs.line("failing resource").requestId()).isEqualTo("req-error-1");
    assertThat(logs.line("error page").requestId()).isEqualTo("req-error-1");
    assertThat(requestThread.mdc()).isEmpty();
  }

  @Test
  @Disabled(
      "open defect: the cleanup filter is mapped to REQUEST dispatches only and its slot stays in"
          + " the request attributes after that dispatch; an asynchronous JAX-RS error page (ERROR"
          + " dispatch, resumed elsewhere) records its binding in the released slot and its id"
          + " stays on the request thread")
  void an_asynchronous_jaxrs_error_page_leaves_no_id_on_the_request_thread() {
    Request request = new Request("req-error-2");

    requestThread.run(
        () -> {
          try {
            // the REQUEST dispatch: a servlet outside JAX-RS answers with sendError(404)
            cleanup.doFilter(request.servlet, null, (servletRequest, servletResponse) -> {});
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          // the ERROR dispatch (not through the cleanup filter): a suspended JAX-RS error page
          requestIds.filter(request.jaxrs());
          Requests.resource.info("async error page suspended");
        });

    assertThat(logs.line("async error page suspended").requestId()).isEqualTo("req-error-2");
    assertThat(requestThread.mdc()).isEmpty();
  }
}
