package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * With this provider, logctx hands the thread's immutable map to the worker: capture takes the
 * adapter's map itself, attach installs that same array, close puts back the worker's own.
 */
class ZeroCopyHandoffTest {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ZeroCopyHandoffTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void shut_down_and_check_the_test_thread() throws Exception {
    worker.shutdownNow();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    Map<String, String> left = MDC.getCopyOfContextMap();
    MDC.clear();
    assertThat(left == null ? Map.of() : left).as("MDC left on the test thread").isEmpty();
  }

  private static Object[] entriesHeld() {
    Map<String, String> map = ((LogbackMDCAdapter) MDC.getMDCAdapter()).getPropertyMap();
    return map == null ? new Object[] {"no map"} : ((FlatMdcMap<?, ?>) map).entries;
  }

  @Test
  void capture_takes_the_adapters_map_and_the_worker_gets_that_same_array() throws Exception {
    MDC.put("request_id", "req-1");
    MDC.put("user_id", "u-7");
    Object[] callers = entriesHeld();
    LogContext context = LogContext.current();

    assertThat(context.asMap()).isInstanceOf(FlatMdcMap.class);
    assertThat(((FlatMdcMap<?, ?>) context.asMap()).entries)
        .as("captured without a copy")
        .isSameAs(callers);

    Object[] onWorker =
        worker.submit(context.wrap(() -> {
          log.info("on the worker");
          Object[] held = entriesHeld();
          MDC.put("step", "worker only");
          return held;
        })).get(10, TimeUnit.SECONDS);
    assertThat(onWorker).as("attached without a copy").isSameAs(callers);
    assertThat(logs.line("on the worker").mdc())
        .isEqualTo(Map.of("request_id", "req-1", "user_id", "u-7"));

    worker.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);
    assertThat(logs.line("next task").mdc()).as("restored: the worker has its own map back").isEmpty();
    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-7"));
    assertThat(context.asMap()).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-7"));
    MDC.clear();
  }

  @Test
  void without_logctx_the_worker_logs_without_the_request_id() throws Exception {
    MDC.put("request_id", "req-1");
    worker.submit(() -> log.info("plain task")).get(10, TimeUnit.SECONDS);
    MDC.clear();

    assertThat(logs.line("plain task").mdc()).isEmpty();
  }

  @Test
  void a_scope_restores_the_map_the_thread_held_even_after_writes_inside() {
    MDC.put("request_id", "outer");
    Object[] before = entriesHeld();
    try (Scope scope = LogContext.of(Map.of("request_id", "inner")).attach()) {
      MDC.put("extra", "x");
      log.info("inside");
    }
    assertThat(entriesHeld()).as("the very map held before").isSameAs(before);
    assertThat(logs.line("inside").mdc()).isEqualTo(Map.of("request_id", "inner", "extra", "x"));
    MDC.clear();
  }

  @Test
  void a_scope_puts_back_an_empty_map_or_no_map_as_it_found_them() throws Exception {
    MDC.put("tmp", "1");
    MDC.remove("tmp");
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      log.info("over an empty map");
    }
    assertThat(MDC.getCopyOfContextMap()).as("the empty map is back").isEqualTo(Map.of());
    assertThat(entriesHeld()).isSameAs(FlatMdcMap.NO_ENTRIES);

    MDC.clear();
    try (Scope scope = LogContext.bind("request_id", "req-2")) {
      log.info("over no map");
    }
    assertThat(MDC.getCopyOfContextMap()).as("still no map").isNull();

    worker.submit(() -> {
      MDC.put("tmp", "1");
      MDC.remove("tmp");
    }).get(10, TimeUnit.SECONDS);
    LogContext request = LogContext.of(Map.of("request_id", "req-3"));
    worker.submit(request.wrap(() -> log.info("on the worker"))).get(10, TimeUnit.SECONDS);
    assertThat(worker.submit(MDC::getCopyOfContextMap).get(10, TimeUnit.SECONDS))
        .as("the worker's empty map is back")
        .isEqualTo(Map.of());
    assertThat(logs.line("over an empty map").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("over no map").mdc()).isEqualTo(Map.of("request_id", "req-2"));
    assertThat(logs.line("on the worker").mdc()).isEqualTo(Map.of("request_id", "req-3"));
  }

  @Test
  void a_large_map_is_handed_over_without_a_copy_too() throws Exception {
    for (int i = 0; i < 50; i++) {
      MDC.put("key" + i, "value" + i);
    }
    LogContext context = LogContext.current();
    Object[] onWorker =
        worker.submit(context.wrap(() -> {
          log.info("fifty");
          return entriesHeld();
        })).get(10, TimeUnit.SECONDS);

    assertThat(onWorker).isSameAs(((FlatMdcMap<?, ?>) context.asMap()).entries);
    assertThat(logs.line("fifty").mdc()).hasSize(50).containsEntry("key49", "value49");
    assertThat(MDC.get("key37")).isEqualTo("value37");
    MDC.clear();
  }
}
