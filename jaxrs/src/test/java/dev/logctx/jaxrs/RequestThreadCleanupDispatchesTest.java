package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that a servlet container dispatches twice on the request thread: the REQUEST dispatch
 * and then the ERROR dispatch to an error page served by the JAX-RS runtime, with the same request
 * attributes (and so the same JAX-RS request properties), both through {@link
 * RequestThreadCleanupFilter} as {@link RequestThreadCleanupInitializer} maps it. The error page
 * must log the request's id, and the thread must hold no id once the container takes it back. The
 * negative control runs the ERROR dispatch outside the servlet filter (a filter declared for
 * REQUEST dispatches only).
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
      if (id != null) {
        headers.add("X-Request-ID", id);
      }
    }

    ContainerRequestContext jaxrs() {
      return FakeContexts.request(headers, attributes);
    }
  }

  /** One dispatch through the servlet filter, on the calling thread. */
  private void throughTheCleanupFilter(Request request, FilterChain chain) {
    try {
      cleanup.doFilter(request.servlet, null, chain);
    } catch (Exception e) {
      throw new AssertionError(e);
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

  /** An ERROR dispatch to a synchronous JAX-RS error page: request phase, page, response phase. */
  private void synchronousErrorPage(Request request) {
    ContainerRequestContext errorPage = request.jaxrs();
    requestIds.filter(errorPage);
    Requests.resource.info("error page");
    requestIds.filter(errorPage, FakeContexts.response());
  }

  @Test
  void a_jaxrs_error_page_after_an_unmapped_exception_logs_the_requests_id() {
    Request request = new Request("req-error-1");

    requestThread.run(
        () -> {
          requestDispatchThatThrows(request);
          throughTheCleanupFilter(
              request, (servletRequest, servletResponse) -> synchronousErrorPage(request));
        });

    assertThat(logs.line("failing resource").requestId()).isEqualTo("req-error-1");
    assertThat(logs.line("error page").requestId()).isEqualTo("req-error-1");
    assertThat(requestThread.mdc()).isEmpty();
  }

  @Test
  void an_error_page_logs_the_same_generated_id_as_the_request_it_reports() {
    Request request = new Request(null);

    requestThread.run(
        () -> {
          requestDispatchThatThrows(request);
          throughTheCleanupFilter(
              request, (servletRequest, servletResponse) -> synchronousErrorPage(request));
        });

    String generated = logs.line("failing resource").requestId();
    assertThat(generated).isNotNull();
    assertThat(logs.line("error page").requestId()).isEqualTo(generated);
    assertThat(requestThread.mdc()).isEmpty();
  }

  @Test
  void an_asynchronous_jaxrs_error_page_leaves_no_id_on_the_request_thread() {
    Request request = new Request("req-error-2");

    requestThread.run(
        () -> {
          // the REQUEST dispatch: a servlet outside JAX-RS answers with sendError(404)
          throughTheCleanupFilter(request, (servletRequest, servletResponse) -> {});
          // the ERROR dispatch: a JAX-RS error page that suspends, resumed elsewhere later
          throughTheCleanupFilter(
              request,
              (servletRequest, servletResponse) -> {
                requestIds.filter(request.jaxrs());
                Requests.resource.info("async error page suspended");
              });
        });
    requestThread.run(() -> Requests.server.info("next request, before the request-id filter"));

    assertThat(logs.line("async error page suspended").requestId()).isEqualTo("req-error-2");
    assertThat(logs.line("next request, before the request-id filter").requestId()).isNull();
    assertThat(requestThread.mdc()).isEmpty();
  }

  /**
   * Negative control: an ERROR dispatch that does not pass the servlet filter (one declared for
   * REQUEST dispatches only) leaves the suspended error page's id on the request thread.
   */
  @Test
  void should_leave_the_async_error_pages_id_when_the_error_dispatch_bypasses_the_filter() {
    Request request = new Request("req-error-3");

    requestThread.run(
        () -> {
          throughTheCleanupFilter(request, (servletRequest, servletResponse) -> {});
          requestIds.filter(request.jaxrs());
          Requests.resource.info("async error page suspended");
        });
    requestThread.run(() -> Requests.server.info("next request, before the request-id filter"));

    assertThat(logs.line("next request, before the request-id filter").requestId())
        .isEqualTo("req-error-3");
  }

  /** The mapping the tests above rely on: the initializer puts the filter on ERROR dispatches too. */
  @Test
  void the_initializer_maps_the_filter_to_request_and_error_dispatches() {
    List<Object> mappings = new ArrayList<>();
    FilterRegistration.Dynamic registration =
        (FilterRegistration.Dynamic)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {FilterRegistration.Dynamic.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("addMappingForUrlPatterns")) {
                    mappings.add(args[0]);
                    mappings.add(List.of((String[]) args[2]));
                  }
                  return null;
                });
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("addFilter")) {
                    return registration;
                  }
                  throw new UnsupportedOperationException("not faked: " + method.getName());
                });

    new RequestThreadCleanupInitializer().onStartup(null, context);

    assertThat(mappings)
        .containsExactly(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), List.of("/*"));
  }
}
