package dev.logctx.cdi;

import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.CLEAR;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.READ;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import dev.logctx.testsupport.ThrowingMdcAdapter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * An MDC adapter that throws under logctx never fails the business call (rule 7): the two
 * {@code @PreserveContext} interceptors and both context providers still run the method or the
 * task and hand back its result, whether the adapter throws a {@link RuntimeException}, an {@link
 * Error} or a {@link LinkageError}. Runs in a JVM of its own whose SLF4J provider wraps logback's
 * adapter (surefire execution {@code throwing-mdc-adapter}).
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "slf4j.provider", matches = ".*ThrowingMdcServiceProvider")
class ThrowingMdcAdapterTest {

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private CapturedLog logs;

  @BeforeEach
  void start() {
    assertThat(ThrowingMdcAdapter.installed()).as("SLF4J uses the throwing adapter").isTrue();
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    MDC.put("request_id", "req-1");
  }

  @AfterEach
  void stop() {
    ThrowingMdcAdapter.heal();
    logs.close();
    MDC.clear();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void both_interceptors_still_run_a_synchronous_method_and_return_its_result(Throwable failure) {
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    String result = weld.select(SynchronousWork.class).get().preservedChangingMdc();
    ThrowingMdcAdapter.heal();

    assertThat(result).isEqualTo("preserved body");
    assertThat(logs.withMessage("preserved body")).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void the_body_interceptor_still_runs_a_method_moved_to_another_thread(Throwable failure)
      throws Exception {
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    String seen =
        weld.select(AsynchronousWork.class)
            .get()
            .preservedOffThread("moved body")
            .get(10, TimeUnit.SECONDS);
    ThrowingMdcAdapter.heal();

    assertThat(seen).as("no context could be captured: none, never a guess").isNull();
    assertThat(logs.withMessage("moved body")).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void the_microprofile_provider_still_captures_begins_and_ends(Throwable failure) {
    LogContextProvider provider = new LogContextProvider();
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    ThreadContextController controller = provider.currentContext(Map.of()).begin();
    controller.endContext();
    ThrowingMdcAdapter.heal();

    assertThat(provider.currentContext(Map.of()).toString()).contains("req-1");
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void the_jakarta_provider_still_captures_begins_and_ends(Throwable failure) {
    JakartaLogContextProvider provider = new JakartaLogContextProvider();
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    provider.currentContext(Map.of()).begin().endContext();
    ThrowingMdcAdapter.heal();

    assertThat(provider.currentContext(Map.of()).toString()).contains("req-1");
  }
}
