package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Ownership (rule 9) of the request id that {@link RequestIdServerFilter} binds through Micronaut's
 * propagated context: it owns {@code request_id} only, removes it only while it holds its own
 * value, and never puts back a value left by earlier work. Runs on one reused pool thread.
 */
class RequestIdElementTest {
  private static final ExecutorService thread = Executors.newSingleThreadExecutor();

  @AfterAll
  static void stop() {
    thread.shutdownNow();
  }

  private static <T> T on(Supplier<T> step) throws Exception {
    return thread.submit(step::get).get(10, TimeUnit.SECONDS);
  }

  private static Map<String, String> mdc() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null ? Map.of() : map;
  }

  @Test
  void binds_its_key_only_and_leaves_the_other_keys_alone() throws Exception {
    RequestIdElement element = new RequestIdElement("req-1");
    Map<String, String> during =
        on(
            () -> {
              MDC.clear();
              MDC.put("user_id", "u1");
              Boolean state = element.updateThreadContext();
              Map<String, String> seen = mdc();
              MDC.put("user_id", "u2"); // the request's own change of another key
              element.restoreThreadContext(state);
              return seen;
            });
    assertThat(during).isEqualTo(Map.of("user_id", "u1", "request_id", "req-1"));
    assertThat(on(RequestIdElementTest::mdc)).isEqualTo(Map.of("user_id", "u2"));
  }

  @Test
  void an_id_left_by_earlier_work_is_replaced_and_not_put_back() throws Exception {
    RequestIdElement element = new RequestIdElement("req-2");
    on(
        () -> {
          MDC.clear();
          MDC.put("request_id", "stale");
          element.restoreThreadContext(element.updateThreadContext());
          return null;
        });
    assertThat(on(RequestIdElementTest::mdc)).isEmpty();
  }

  @Test
  void a_value_another_binding_put_since_is_left_alone() throws Exception {
    RequestIdElement element = new RequestIdElement("req-3");
    on(
        () -> {
          MDC.clear();
          Boolean state = element.updateThreadContext();
          MDC.put("request_id", "batch-7");
          element.restoreThreadContext(state);
          return null;
        });
    assertThat(on(RequestIdElementTest::mdc)).isEqualTo(Map.of("request_id", "batch-7"));
  }

  @Test
  void a_nested_scope_of_the_same_id_leaves_the_key_to_the_outer_one() throws Exception {
    RequestIdElement element = new RequestIdElement("req-4");
    Map<String, String> afterInner =
        on(
            () -> {
              MDC.clear();
              Boolean outer = element.updateThreadContext();
              element.restoreThreadContext(element.updateThreadContext());
              Map<String, String> seen = mdc();
              element.restoreThreadContext(outer);
              return seen;
            });
    assertThat(afterInner).isEqualTo(Map.of("request_id", "req-4"));
    assertThat(on(RequestIdElementTest::mdc)).isEmpty();
  }
}
