package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's type name, next to another provider of the type {@code "MDC"} (registered by the
 * tests' own {@code META-INF/services}), and what SmallRye does with two providers of one type.
 */
class ProviderRegistrationTest {
  private static final Logger log = LoggerFactory.getLogger(ProviderRegistrationTest.class);

  private CapturedLog logs;
  private ExecutorService pool;

  @BeforeEach
  void capture_logs_and_start_the_pool() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    pool = Workers.singleThread("registration");
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.stop(pool);
    System.clearProperty(LogContextProvider.CONTEXT_TYPE_PROPERTY);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_be_found_by_the_service_loader_next_to_a_provider_of_type_MDC() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(ThreadContextProvider.class).forEach(p -> types.add(p.getThreadContextType()));

    assertThat(types).containsExactlyInAnyOrder("LogContext", "MDC");
  }

  @Test
  void should_propagate_next_to_a_provider_of_type_MDC() throws Exception {
    ManagedExecutor executor = SmallRye.onPool(ManagedExecutor.builder(), pool).build();
    String[] tenantInTask = new String[1];
    Scope request = LogContext.bind("request_id", "req-1");
    ForeignMdcTypeProvider.TENANT.set("tenant-1");
    try {
      executor
          .runAsync(
              () -> {
                tenantInTask[0] = ForeignMdcTypeProvider.TENANT.get();
                log.info("both contexts");
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      ForeignMdcTypeProvider.TENANT.remove();
      request.close();
    }

    assertThat(logs.mdcOf("both contexts")).containsExactly(entry("request_id", "req-1"));
    assertThat(tenantInTask[0]).isEqualTo("tenant-1");
  }

  @Test
  void should_make_smallrye_fail_with_two_providers_of_one_type() {
    SmallRyeContextManager.Builder builder =
        SmallRyeContextManagerProvider.instance()
            .getContextManagerBuilder()
            .withThreadContextProviders(new LogContextProvider(), new LogContextProvider());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ThreadContextProvider type already registered: LogContext");
  }

  @Test
  void should_clash_with_the_MDC_provider_when_renamed_to_MDC() {
    System.setProperty(LogContextProvider.CONTEXT_TYPE_PROPERTY, "MDC");
    SmallRyeContextManager.Builder builder =
        SmallRyeContextManagerProvider.instance()
            .getContextManagerBuilder()
            .withThreadContextProviders(new ForeignMdcTypeProvider(), new LogContextProvider());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("type already registered: MDC");
  }

  @Test
  void should_be_cleared_by_its_renamed_type() throws Exception {
    System.setProperty(LogContextProvider.CONTEXT_TYPE_PROPERTY, "RequestLog");
    SmallRyeContextManager manager =
        SmallRyeContextManagerProvider.instance()
            .getContextManagerBuilder()
            .withThreadContextProviders(new LogContextProvider())
            .build();
    ThreadContext cleared = manager.newThreadContextBuilder().cleared("RequestLog").build();
    ThreadContext propagated = manager.newThreadContextBuilder().propagated("RequestLog").build();
    Runnable withCleared;
    Runnable withPropagated;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      withCleared = cleared.contextualRunnable(() -> log.info("renamed, cleared"));
      withPropagated = propagated.contextualRunnable(() -> log.info("renamed, propagated"));
    } finally {
      request.close();
    }
    pool.submit(withCleared).get(10, TimeUnit.SECONDS);
    pool.submit(withPropagated).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("renamed, cleared")).isEmpty();
    assertThat(logs.mdcOf("renamed, propagated")).containsExactly(entry("request_id", "req-1"));
  }
}
