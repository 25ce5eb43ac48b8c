package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.PreserveContext;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.util.AnnotationLiteral;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Weld finds the two {@code @PreserveContext} interceptors by bean discovery of logctx-cdi's own
 * classes ({@code META-INF/beans.xml}), enabled and ordered by their priorities around the
 * interceptors that move calls to other threads; the jar's resources are there for other
 * containers.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterceptorDiscoveryTest {

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  private static final class PreserveContextLiteral extends AnnotationLiteral<PreserveContext>
      implements PreserveContext {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void should_discover_both_interceptors_in_priority_order() {
    List<Interceptor<?>> found =
        weld.getBeanManager()
            .resolveInterceptors(InterceptionType.AROUND_INVOKE, new PreserveContextLiteral());

    assertThat(found.stream().map(Interceptor::getBeanClass).collect(Collectors.toList()))
        .containsExactly(
            PreserveContextCallSiteInterceptor.class, PreserveContextBodyInterceptor.class);
  }

  @Test
  void should_capture_before_and_attach_after_every_interceptor_that_moves_a_call() {
    int jakartaAsynchronous = jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE + 5;
    int faultTolerance = jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 10;

    assertThat(PreserveContextCallSiteInterceptor.PRIORITY)
        .isEqualTo(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
        .isLessThan(jakartaAsynchronous);
    assertThat(PreserveContextBodyInterceptor.PRIORITY)
        .isEqualTo(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 100)
        .isGreaterThan(faultTolerance);
  }

  @Test
  void should_ship_an_annotated_beans_xml_and_a_jandex_index_next_to_the_classes()
      throws Exception {
    URL classes =
        PreserveContextBodyInterceptor.class.getProtectionDomain().getCodeSource().getLocation();

    String beansXml = read(new URL(classes, "META-INF/beans.xml"));
    String index = read(new URL(classes, "META-INF/jandex.idx"));

    assertThat(beansXml).contains("bean-discovery-mode=\"annotated\"");
    assertThat(index)
        .contains("PreserveContextCallSiteInterceptor")
        .contains("PreserveContextBodyInterceptor");
  }

  private static String read(URL url) throws Exception {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
