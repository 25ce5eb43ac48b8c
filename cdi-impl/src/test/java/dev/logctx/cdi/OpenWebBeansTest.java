package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.openwebbeans.se.OWBInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Apache OpenWebBeans 4 (the jakarta line, standalone SE container) finds the two {@code
 * @PreserveContext} interceptors by bean discovery of logctx-cdi's {@code META-INF/beans.xml},
 * enables them by their priorities and orders them around an interceptor that moves the call to
 * another thread; the interceptors then do in OpenWebBeans what they do in Weld. Negative controls:
 * the same methods without {@code @PreserveContext} change the caller's MDC, or lose the request id
 * on the other thread.
 *
 * <p>Only archives with a {@code beans.xml} are scanned, and SmallRye Fault Tolerance's extension
 * (on the class path for the Weld tests) is ignored: it is not what this test is about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenWebBeansTest {
  private static final Map<String, String> CALLER = Map.of("request_id", "req-owb", "user_id", "u-7");

  private SeContainer container;
  private CapturedLog logs;

  @BeforeAll
  void start_openwebbeans_with_discovery() {
    container =
        new OWBInitializer()
            .addProperty("org.apache.webbeans.scanBeansXmlOnly", "true")
            .addProperty(
                "org.apache.webbeans.ignoredExtensions",
                "io.smallrye.faulttolerance.FaultToleranceExtension")
            .initialize();
  }

  @AfterAll
  void stop() {
    container.close();
  }

  @BeforeEach
  void capture_logs() throws Exception {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    Workers.clean(OffThreadInterceptor.POOL);
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.clean(OffThreadInterceptor.POOL); // the negative control leaves a key there
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_run_in_openwebbeans_and_order_capture_before_and_attach_after_a_thread_switch() {
    assertThat(container.getBeanManager().getClass().getName())
        .as("the container in use")
        .startsWith("org.apache.webbeans.");

    List<Interceptor<?>> found =
        container
            .getBeanManager()
            .resolveInterceptors(
                InterceptionType.AROUND_INVOKE,
                BindingLiterals.PRESERVE_CONTEXT,
                BindingLiterals.OFF_THREAD);

    assertThat(found.stream().map(Interceptor::getBeanClass).collect(Collectors.toList()))
        .containsExactly(
            PreserveContextCallSiteInterceptor.class,
            OffThreadInterceptor.class,
            PreserveContextBodyInterceptor.class);
  }

  @Test
  void should_carry_the_callers_mdc_to_the_thread_that_runs_the_body() throws Exception {
    AsynchronousWork work = container.select(AsynchronousWork.class).get();
    Map<String, String> poolAfterPreserved;
    try (Scope request = LogContext.bind(CALLER)) {
      work.preservedOffThread("owb preserved off thread").get(10, TimeUnit.SECONDS);
      poolAfterPreserved = Workers.mdcOf(OffThreadInterceptor.POOL);
      work.offThread("owb plain off thread").get(10, TimeUnit.SECONDS);
    }

    assertThat(logs.line("owb preserved off thread").thread()).startsWith("off-thread-");
    assertThat(logs.mdcOf("owb preserved off thread")).isEqualTo(CALLER);
    assertThat(poolAfterPreserved).as("the pool thread after the preserved call").isEmpty();
    assertThat(logs.mdcOf("owb plain off thread")).as("negative control").isEmpty();
  }

  @Test
  void should_give_the_caller_its_mdc_back_after_a_synchronous_call() {
    SynchronousWork work = container.select(SynchronousWork.class).get();
    Map<String, String> afterPreserved;
    Map<String, String> afterPlain;
    try (Scope request = LogContext.bind(CALLER)) {
      work.preservedChangingMdc();
      afterPreserved = Workers.currentMdc();
      work.changingMdc();
      afterPlain = Workers.currentMdc();
    }

    assertThat(logs.mdcOf("preserved body")).isEqualTo(CALLER);
    assertThat(afterPreserved).isEqualTo(CALLER);
    assertThat(afterPlain)
        .as("negative control")
        .containsOnly(entry("user_id", "u-7"), entry("leaked_by", "body"));
  }
}
