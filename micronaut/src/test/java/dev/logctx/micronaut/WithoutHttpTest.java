package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * An application without micronaut-http on its class path starts, skips the two HTTP filters and
 * still has the advice. Runs only in the surefire execution "without-http", whose class path
 * lacks every HTTP artifact.
 */
class WithoutHttpTest {
  @Test
  void starts_without_the_http_filters_and_keeps_the_advice() {
    assertThatThrownBy(() -> Class.forName("io.micronaut.http.HttpRequest"))
        .as("this run's class path has no micronaut-http")
        .isInstanceOf(ClassNotFoundException.class);
    try (ApplicationContext context = ApplicationContext.run()) {
      List<String> enabled =
          context.getBeanDefinitionReferences().stream()
              .map(BeanDefinitionReference::getBeanDefinitionName)
              .filter(name -> name.startsWith("dev.logctx.micronaut.$"))
              .toList();
      assertThat(enabled)
          .contains(
              "dev.logctx.micronaut.$PreserveContextCallSiteInterceptor$Definition",
              "dev.logctx.micronaut.$PreserveContextBodyInterceptor$Definition",
              "dev.logctx.micronaut.$ContextualExecutorBeans$Definition")
          .noneMatch(name -> name.contains("RequestId"));

      MDC.put("request_id", "no-http");
      assertThat(context.getBean(AsyncWork.class).synchronous("sync")).isEqualTo("sync");
      assertThat(MDC.get("request_id")).as("restored by the advice").isEqualTo("no-http");
    } finally {
      MDC.clear();
    }
  }
}
