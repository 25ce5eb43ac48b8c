package dev.logctx.micronaut;

import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.CLEAR;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.READ;
import static dev.logctx.testsupport.ThrowingMdcAdapter.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.ThrowingMdcAdapter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * An MDC adapter that throws under logctx never fails the business call (rule 7): the
 * {@code @PreserveContext} advice's call-site and body interceptors still run the method, on the
 * caller's thread or on an {@code @Async} pool, and hand back its result, whether the adapter throws
 * a {@link RuntimeException}, an {@link Error} or a {@link LinkageError}. Runs in a JVM of its own
 * whose SLF4J provider wraps logback's adapter (surefire execution {@code throwing-mdc-adapter}).
 */
@MicronautTest
@EnabledIfSystemProperty(named = "slf4j.provider", matches = ".*ThrowingMdcServiceProvider")
class ThrowingMdcAdapterTest extends CapturingTest {

  @Inject AsyncWork work;

  @BeforeEach
  void in_a_request() {
    assertThat(ThrowingMdcAdapter.installed()).as("SLF4J uses the throwing adapter").isTrue();
    MDC.put("request_id", "req-1");
  }

  @AfterEach
  void heal() {
    ThrowingMdcAdapter.heal();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void a_synchronous_preserved_call_still_runs_and_returns_its_result(Throwable failure) {
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    String result = work.synchronous("sync");
    ThrowingMdcAdapter.heal();

    assertThat(result).isEqualTo("sync");
    assertThat(logs.line("body sync")).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void an_async_preserved_call_still_runs_on_the_pool_and_returns_its_result(Throwable failure)
      throws Exception {
    ThrowingMdcAdapter.failWith(failure, READ, WRITE, CLEAR);
    String result = work.preserved("async").get(10, TimeUnit.SECONDS);
    ThrowingMdcAdapter.heal();

    assertThat(result).isEqualTo("async");
    assertThat(logs.line("body async").thread()).isEqualTo(TestExecutors.SINGLE);
  }
}
