package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A thread's MDC can be empty in two ways that SLF4J tells apart: no map at all ({@code
 * getCopyOfContextMap()} is null: never written, or cleared) and an empty map (its last key was
 * removed: {@code {}}). Closing a scope puts back the one it found, on the caller's thread and on a
 * pooled one; capturing either is still the shared empty snapshot.
 */
class EmptyOrAbsentMdcRestoredTest {
  private static final Logger log = LoggerFactory.getLogger(EmptyOrAbsentMdcRestoredTest.class);
  private static final Map<String, String> REQUEST = Map.of("request_id", "req-1");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "pooled"));

  @AfterEach
  void cleanup() throws Exception {
    Mdc.shutdown(pool);
    Mdc.assertTestThreadClean();
  }

  /** What {@code MDC.put} then {@code MDC.remove} of the same key leave: an empty map. */
  private static void leaveAnEmptyMap() {
    MDC.put("tmp", "1");
    MDC.remove("tmp");
  }

  /** Each way a user opens and closes a scope on the calling thread, running a body in it. */
  static Stream<Named<Consumer<Runnable>>> scopes() {
    LogContext request = LogContext.of(REQUEST);
    return Stream.of(
        Named.of("LogContext.bind", body -> {
          try (Scope scope = LogContext.bind("request_id", "req-1")) {
            body.run();
          }
        }),
        Named.of("attach", body -> {
          try (Scope scope = request.attach()) {
            body.run();
          }
        }),
        Named.of("run", request::run),
        Named.of("a wrapped task on the caller's thread", body -> request.wrap(body).run()),
        Named.of("a task of a wrapped caller-runs executor", body -> {
          Executor callerRuns = ContextualExecutors.wrap((Executor) Runnable::run);
          try (Scope scope = LogContext.bind("request_id", "req-1")) {
            callerRuns.execute(body);
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void an_empty_map_is_still_an_empty_map_after_the_scope(Consumer<Runnable> scope) {
    leaveAnEmptyMap();
    assertThat(MDC.getCopyOfContextMap()).as("before the scope").isEqualTo(Map.of());

    scope.accept(() -> log.info("in the scope"));

    assertThat(logs.line("in the scope").mdc()).isEqualTo(REQUEST);
    assertThat(MDC.getCopyOfContextMap()).as("after the scope").isEqualTo(Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void no_map_is_still_no_map_after_the_scope(Consumer<Runnable> scope) {
    MDC.clear();
    assertThat(MDC.getCopyOfContextMap()).as("before the scope").isNull();

    scope.accept(() -> log.info("in the scope"));

    assertThat(logs.line("in the scope").mdc()).isEqualTo(REQUEST);
    assertThat(MDC.getCopyOfContextMap()).as("after the scope").isNull();
  }

  @Test
  void a_pooled_thread_keeps_its_empty_map_or_its_absent_one_after_a_task() throws Exception {
    Executor wrapped = ContextualExecutors.wrap(pool);
    pool.submit(EmptyOrAbsentMdcRestoredTest::leaveAnEmptyMap).get(10, TimeUnit.SECONDS);
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      CompletableFuture.runAsync(() -> log.info("first task"), wrapped).get(10, TimeUnit.SECONDS);
    }
    assertThat(pool.submit(MDC::getCopyOfContextMap).get(10, TimeUnit.SECONDS))
        .as("the pooled thread's empty map")
        .isEqualTo(Map.of());

    pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
    try (Scope scope = LogContext.bind("request_id", "req-2")) {
      CompletableFuture.runAsync(() -> log.info("second task"), wrapped).get(10, TimeUnit.SECONDS);
    }
    assertThat(pool.submit(MDC::getCopyOfContextMap).get(10, TimeUnit.SECONDS))
        .as("the pooled thread without a map")
        .isNull();
    assertThat(logs.line("first task").mdc()).isEqualTo(REQUEST);
    assertThat(logs.line("second task").mdc()).isEqualTo(Map.of("request_id", "req-2"));
    assertThat(logs.line("second task").thread()).isEqualTo("pooled");
  }

  @Test
  void a_scope_that_wrote_nothing_still_puts_back_the_state_the_work_changed() {
    MDC.clear();
    LogContext.empty().run(() -> {
      leaveAnEmptyMap();
      log.info("left an empty map");
    });
    assertThat(MDC.getCopyOfContextMap()).as("no map before, no map after").isNull();

    leaveAnEmptyMap();
    LogContext.empty().run(() -> {
      MDC.clear();
      log.info("cleared the map");
    });
    assertThat(MDC.getCopyOfContextMap())
        .as("an empty map before, an empty map after")
        .isEqualTo(Map.of());
    assertThat(logs.line("cleared the map").mdc()).isEmpty();
  }

  @Test
  void capturing_an_empty_map_or_none_is_the_shared_empty_snapshot() {
    leaveAnEmptyMap();
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
    MDC.clear();
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
  }
}
