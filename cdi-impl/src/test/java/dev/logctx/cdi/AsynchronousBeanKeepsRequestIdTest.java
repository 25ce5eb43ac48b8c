package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@code @PreserveContext} bean method that an interceptor moves to another thread logs the
 * caller's request id there: SmallRye Fault Tolerance {@code @Asynchronous} (priority {@code
 * PLATFORM_AFTER + 10}) and a stand-in for Jakarta {@code @Asynchronous} ({@code PLATFORM_BEFORE +
 * 5}), on a method and on a class. The stand-in has its negative control without
 * {@code @PreserveContext}; Fault Tolerance's is {@link FaultToleranceWithoutLogctxTest}, since
 * logctx makes Fault Tolerance's own pool carry the caller's context for every bean.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsynchronousBeanKeepsRequestIdTest {

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.clean(OffThreadInterceptor.POOL);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  private AsynchronousWork work() {
    return weld.select(AsynchronousWork.class).get();
  }

  /** Calls in request {@code req-1} and waits for the result, which the body read from its MDC. */
  private static String callInRequest(Function<String, CompletionStage<String>> call, String line)
      throws Exception {
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      CompletionStage<String> result = call.apply(line);
      assertThat(Workers.currentMdc()).as("caller MDC right after the call").containsExactly(entry("request_id", "req-1"));
      return result.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      request.close();
    }
  }

  @Test
  void should_log_the_callers_request_id_on_the_fault_tolerance_thread() throws Exception {
    String seen = callInRequest(work()::preservedFaultTolerant, "fault tolerance, preserved");

    assertThat(seen).isEqualTo("req-1");
    assertThat(logs.mdcOf("fault tolerance, preserved")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("fault tolerance, preserved")).isNotEqualTo(Thread.currentThread().getName());
  }

  /**
   * Fault Tolerance's pool runs every task in the MDC of the thread that submitted it (logctx
   * decorates it), so the body has the caller's id without {@code @PreserveContext} too; the
   * negative control, with that decorator left out, is in {@link FaultToleranceWithoutLogctxTest}.
   */
  @Test
  void should_log_the_callers_request_id_on_the_fault_tolerance_thread_without_PreserveContext_too()
      throws Exception {
    String seen = callInRequest(work()::faultTolerant, "fault tolerance, plain");

    assertThat(seen).isEqualTo("req-1");
    assertThat(logs.mdcOf("fault tolerance, plain")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("fault tolerance, plain")).isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void should_log_the_callers_request_id_when_moved_at_jakarta_asynchronous_priority()
      throws Exception {
    String seen = callInRequest(work()::preservedOffThread, "off thread, preserved");

    assertThat(seen).isEqualTo("req-1");
    assertThat(logs.mdcOf("off thread, preserved")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("off thread, preserved")).startsWith("off-thread");
    assertThat(Workers.mdcOf(OffThreadInterceptor.POOL))
        .as("what the body left in the MDC stays with the call")
        .isEmpty();
  }

  @Test
  void should_not_log_the_request_id_when_moved_at_jakarta_asynchronous_priority_without_PreserveContext()
      throws Exception {
    String seen = callInRequest(work()::offThread, "off thread, plain");

    assertThat(seen).isEqualTo("null");
    assertThat(logs.mdcOf("off thread, plain")).doesNotContainKey("request_id");
    assertThat(Workers.mdcOf(OffThreadInterceptor.POOL))
        .as("negative control: the body's key stays on the pooled thread")
        .containsEntry("leaked_by", "off thread, plain");
  }

  @Test
  void should_keep_the_request_id_in_every_method_of_a_class_with_PreserveContext()
      throws Exception {
    PreservedClassWork preservedClass = weld.select(PreservedClassWork.class).get();

    String viaFaultTolerance = callInRequest(preservedClass::faultTolerant, "class, fault tolerance");
    String viaOffThread = callInRequest(preservedClass::offThread, "class, off thread");

    assertThat(viaFaultTolerance).isEqualTo("req-1");
    assertThat(viaOffThread).isEqualTo("req-1");
    assertThat(logs.mdcOf("class, fault tolerance")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.mdcOf("class, off thread")).containsExactly(entry("request_id", "req-1"));
    assertThat(logs.threadOf("class, off thread")).startsWith("off-thread");
  }
}
