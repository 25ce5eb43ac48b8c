package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.internal.VertxMdcLocation;
import dev.logctx.testsupport.RedefiningClassLoader;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Vert.x is optional for this jar: the classes of logctx-jaxrs, loaded again by a class loader that
 * hides Vert.x, serve a request with the thread as the owner of the MDC.
 */
class WithoutVertxTest {

  @AfterEach
  void mdc_should_be_empty() {
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void the_filter_works_with_vertx_hidden() throws Exception {
    ClassLoader withoutVertx = new WithoutVertx();
    assertThatThrownBy(() -> Class.forName("io.vertx.core.Vertx", false, withoutVertx))
        .isInstanceOf(ClassNotFoundException.class);
    Class<?> filterClass = withoutVertx.loadClass(RequestIdFilter.class.getName());
    assertThat(filterClass).isNotSameAs(RequestIdFilter.class);
    assertThat(withoutVertx.loadClass(VertxMdcLocation.class.getName()))
        .as("the owner of the Vert.x MDC location, looking for Vert.x anew")
        .isNotSameAs(VertxMdcLocation.class);
    Object filter = filterClass.getConstructor().newInstance();
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-plain");
    ContainerResponseContext response = FakeContexts.response();

    ((ContainerRequestFilter) filter).filter(request);
    Map<String, String> bound = PooledThread.mdcHere();
    ((ContainerResponseFilter) filter).filter(request, response);

    assertThat(bound).isEqualTo(Map.of("request_id", "req-plain"));
    assertThat(MDC.get("request_id")).isNull();
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-plain");
  }

  /**
   * Defines the classes of this jar, and logctx-api's owner of the Vert.x MDC location, anew and
   * refuses every Vert.x class.
   */
  private static final class WithoutVertx extends RedefiningClassLoader {
    WithoutVertx() {
      super(
          WithoutVertxTest.class.getClassLoader(),
          name ->
              name.startsWith("dev.logctx.jaxrs.")
                  || name.equals("dev.logctx.internal.VertxMdcLocation"),
          name -> name.startsWith("io.vertx."));
    }
  }
}
