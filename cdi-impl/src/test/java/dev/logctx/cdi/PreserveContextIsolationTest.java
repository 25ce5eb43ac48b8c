package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code @PreserveContext} method that runs on the caller's thread and changes the MDC: the
 * caller's MDC after the call is what it was before, also when the method throws.
 */
@EnableWeld
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreserveContextIsolationTest {
  private static final Logger log = LoggerFactory.getLogger(PreserveContextIsolationTest.class);

  private static final Map<String, String> CALLER = Map.of("request_id", "req-1", "user_id", "u-7");

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    logs.close();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  private SynchronousWork work() {
    return weld.select(SynchronousWork.class).get();
  }

  @Test
  void should_give_the_caller_its_mdc_back_after_the_call() {
    Scope request = LogContext.bind(CALLER);
    try {
      work().preservedChangingMdc();
      log.info("caller after the call");
    } finally {
      request.close();
    }

    assertThat(logs.mdcOf("preserved body")).isEqualTo(CALLER);
    assertThat(logs.mdcOf("caller after the call")).isEqualTo(CALLER);
  }

  @Test
  void should_let_the_method_change_the_callers_mdc_without_PreserveContext() {
    Scope request = LogContext.bind(CALLER);
    try {
      work().changingMdc();
      log.info("caller after the plain call");
    } finally {
      request.close();
    }

    assertThat(logs.mdcOf("caller after the plain call"))
        .as("negative control")
        .containsOnly(entry("user_id", "u-7"), entry("leaked_by", "body"));
  }

  @Test
  void should_give_the_caller_its_mdc_back_when_the_method_throws() {
    Scope request = LogContext.bind(CALLER);
    try {
      assertThatThrownBy(() -> work().preservedFailingAfterChangingMdc())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("failed on purpose");
      log.info("caller after the failed call");
    } finally {
      request.close();
    }

    assertThat(logs.mdcOf("preserved failing body")).isEqualTo(CALLER);
    assertThat(logs.mdcOf("caller after the failed call")).isEqualTo(CALLER);
  }

  @Test
  void should_let_a_failing_method_change_the_callers_mdc_without_PreserveContext() {
    Scope request = LogContext.bind(CALLER);
    try {
      assertThatThrownBy(() -> work().failingAfterChangingMdc())
          .isInstanceOf(IllegalStateException.class);
      log.info("caller after the failed plain call");
    } finally {
      request.close();
    }

    assertThat(logs.mdcOf("caller after the failed plain call"))
        .as("negative control")
        .containsOnly(entry("user_id", "u-7"), entry("leaked_by", "body"));
  }

  @Test
  void should_run_with_an_empty_mdc_and_leave_it_empty_when_the_caller_has_none() {
    work().preservedChangingMdc();

    assertThat(logs.mdcOf("preserved body")).isEmpty();
    assertThat(Workers.currentMdc()).isEmpty();
  }
}
