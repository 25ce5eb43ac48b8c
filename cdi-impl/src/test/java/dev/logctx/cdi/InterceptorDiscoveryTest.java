package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.faulttolerance.FaultToleranceBinding;
import io.smallrye.faulttolerance.FaultToleranceInterceptor;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
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
 * interceptors that move calls to other threads — as the container resolves them for one method and
 * as it read their priorities ({@link DiscoveredPriorities}); the jar's resources are there for
 * other containers.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterceptorDiscoveryTest {

  private final DiscoveredPriorities priorities = new DiscoveredPriorities();

  @WeldSetup WeldInitiator weld = Containers.withDiscovery(priorities);

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_discover_both_interceptors_in_priority_order() {
    List<Interceptor<?>> found =
        weld.getBeanManager()
            .resolveInterceptors(InterceptionType.AROUND_INVOKE, BindingLiterals.PRESERVE_CONTEXT);

    assertThat(beanClasses(found))
        .containsExactly(
            PreserveContextCallSiteInterceptor.class, PreserveContextBodyInterceptor.class);
  }

  /**
   * The order the container applies to a method that is {@code @PreserveContext}, Fault Tolerance
   * ({@code @Asynchronous}) and {@code @OffThread} (the stand-in at Jakarta {@code @Asynchronous}'s
   * priority) at once: capture first, attach last, whatever moves the call in between.
   */
  @Test
  void should_capture_before_and_attach_after_every_interceptor_that_moves_a_call() {
    List<Interceptor<?>> found =
        weld.getBeanManager()
            .resolveInterceptors(
                InterceptionType.AROUND_INVOKE,
                BindingLiterals.PRESERVE_CONTEXT,
                FaultToleranceBinding.Literal.INSTANCE,
                BindingLiterals.OFF_THREAD);

    assertThat(beanClasses(found))
        .containsExactly(
            PreserveContextCallSiteInterceptor.class,
            OffThreadInterceptor.class,
            FaultToleranceInterceptor.class,
            PreserveContextBodyInterceptor.class);
  }

  /**
   * The priorities the container read from the deployed interceptors' annotated types, against
   * the values the docs give for them.
   */
  @Test
  void should_deploy_the_priorities_the_docs_give() {
    assertThat(priorities.of(PreserveContextCallSiteInterceptor.class))
        .as("call-site interceptor")
        .isEqualTo(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
        .isLessThan(priorities.of(OffThreadInterceptor.class));
    assertThat(priorities.of(FaultToleranceInterceptor.class))
        .as("Fault Tolerance, as deployed")
        .isEqualTo(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 10);
    assertThat(priorities.of(PreserveContextBodyInterceptor.class))
        .as("body interceptor")
        .isEqualTo(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 100)
        .isGreaterThan(priorities.of(FaultToleranceInterceptor.class));
  }

  private static List<Class<?>> beanClasses(List<Interceptor<?>> interceptors) {
    return interceptors.stream().map(Interceptor::getBeanClass).collect(Collectors.toList());
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
