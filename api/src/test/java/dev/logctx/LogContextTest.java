package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.CapturedLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogContextTest {
  private static final Logger log = LoggerFactory.getLogger(LogContextTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @AfterEach
  void test_thread_mdc_is_empty() {
    Mdc.assertTestThreadClean();
  }

  @Test
  void should_capture_the_current_mdc_as_an_immutable_snapshot() {
    MDC.put("request_id", "req-1");
    MDC.put("user_id", "u-1");
    try {
      LogContext context = LogContext.current();
      MDC.put("request_id", "req-2");
      MDC.remove("user_id");

      assertThat(context.asMap()).containsOnly(
          Map.entry("request_id", "req-1"), Map.entry("user_id", "u-1"));
      assertThat(context.get("request_id")).isEqualTo("req-1");
      assertThatThrownBy(() -> context.asMap().put("x", "y"))
          .isInstanceOf(UnsupportedOperationException.class);
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_return_the_shared_empty_constant_for_an_empty_mdc() {
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
    MDC.put("k", "v");
    MDC.remove("k");
    assertThat(LogContext.current()).isSameAs(LogContext.empty());
    assertThat(LogContext.empty().isEmpty()).isTrue();
    assertThat(LogContext.of(Map.of())).isSameAs(LogContext.empty());
  }

  @Test
  void should_copy_the_map_given_to_of() {
    Map<String, String> source = new HashMap<>(Map.of("request_id", "req-1"));
    LogContext context = LogContext.of(source);
    source.put("request_id", "changed");
    assertThat(context.get("request_id")).isEqualTo("req-1");
  }

  @Test
  void should_derive_new_snapshots_with_and_without_keys() {
    LogContext base = LogContext.of(Map.of("a", "1", "b", "2"));
    LogContext more = base.with("c", "3");
    LogContext less = base.without("a");

    assertThat(base.asMap()).containsOnlyKeys("a", "b");
    assertThat(more.asMap()).containsOnlyKeys("a", "b", "c");
    assertThat(less.asMap()).containsOnlyKeys("b");
    assertThat(base.without("absent")).isSameAs(base);
    assertThat(base.with("a", "1")).isSameAs(base);
    assertThat(LogContext.of(Map.of("a", "1")).without("a")).isSameAs(LogContext.empty());
  }

  @Test
  void should_be_equal_by_entries_and_show_them() {
    LogContext a = LogContext.of(Map.of("request_id", "req-1"));
    LogContext b = LogContext.empty().with("request_id", "req-1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(LogContext.empty());
    assertThat(a.toString()).isEqualTo("LogContext{request_id=req-1}");
  }

  @Test
  void should_replace_the_whole_mdc_while_attached_and_restore_it_exactly() {
    MDC.put("request_id", "outer");
    MDC.put("stale", "left-behind");
    try {
      LogContext context = LogContext.of(Map.of("request_id", "inner", "user_id", "u-1"));
      try (Scope scope = context.attach()) {
        log.info("inside");
        assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "inner", "user_id", "u-1"));
      }
      log.info("after");

      assertThat(logs.line("inside").mdc()).isEqualTo(Map.of("request_id", "inner", "user_id", "u-1"));
      assertThat(logs.line("inside").formatted()).doesNotContain("stale");
      assertThat(logs.line("after").mdc())
          .isEqualTo(Map.of("request_id", "outer", "stale", "left-behind"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_restore_changes_made_inside_a_scope_even_when_nothing_was_written() {
    MDC.put("request_id", "req-1");
    try {
      LogContext same = LogContext.current();
      try (Scope scope = same.attach()) {
        MDC.put("request_id", "changed-by-task");
        MDC.put("extra", "x");
      }
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_close_a_scope_twice_without_effect() {
    MDC.put("request_id", "outer");
    try {
      Scope scope = LogContext.of(Map.of("request_id", "inner")).attach();
      scope.close();
      MDC.put("request_id", "set-after-close");
      scope.close();
      assertThat(MDC.get("request_id")).isEqualTo("set-after-close");
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_restore_nested_scopes_closed_in_order() {
    try (Scope outer = LogContext.bind("request_id", "req-1")) {
      try (Scope middle = LogContext.bind("user_id", "u-1")) {
        try (Scope inner = LogContext.empty().attach()) {
          log.info("inner");
        }
        log.info("middle");
      }
      log.info("outer");
    }
    log.info("none");
    assertThat(logs.line("inner").mdc()).isEmpty();
    assertThat(logs.line("middle").mdc()).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1"));
    assertThat(logs.line("outer").mdc()).isEqualTo(Map.of("request_id", "req-1"));
    assertThat(logs.line("none").mdc()).isEmpty();
  }

  @Test
  void should_bind_several_keys_and_restore_the_previous_values() {
    MDC.put("request_id", "req-1");
    try {
      try (Scope scope = LogContext.bind(Map.of("request_id", "req-2", "user_id", "u-2"))) {
        assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-2", "user_id", "u-2"));
      }
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "req-1"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_restore_when_the_work_throws() {
    MDC.put("request_id", "outer");
    try {
      LogContext context = LogContext.of(Map.of("request_id", "inner"));
      assertThatThrownBy(
              () ->
                  context.run(
                      () -> {
                        MDC.put("leak", "x");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThatThrownBy(
              () ->
                  context.call(
                      () -> {
                        throw new java.io.IOException("checked");
                      }))
          .isInstanceOf(java.io.IOException.class);
      assertThat(Mdc.now()).isEqualTo(Map.of("request_id", "outer"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_run_every_wrapped_functional_type_in_the_snapshot_on_a_reused_pool_thread()
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> MDC.put("request_id", "previous-request")).get(); // a careless task
      LogContext context;
      try (Scope scope = LogContext.bind("request_id", "req-1")) {
        context = LogContext.current();
      }
      pool.submit(context.wrap((Runnable) () -> log.info("runnable"))).get();
      pool.submit(context.wrap(() -> {
        log.info("callable");
        return 1;
      })).get();
      pool.submit(() -> context.wrapSupplier(() -> {
        log.info("supplier");
        return 1;
      }).get()).get();
      pool.submit(() -> context.wrapFunction((String s) -> {
        log.info(s);
        return 1;
      }).apply("function")).get();
      pool.submit(() -> context.<String>wrapConsumer(log::info).accept("consumer")).get();
      pool.submit(() -> context.wrapBiFunction((String a, String b) -> {
        log.info(a + b);
        return 1;
      }).apply("bi", "function")).get();
      pool.submit(() -> context.<String, String>wrapBiConsumer((a, b) -> log.info(a + b))
          .accept("bi", "consumer")).get();

      for (String message : new String[] {
          "runnable", "callable", "supplier", "function", "consumer", "bifunction", "biconsumer"}) {
        assertThat(logs.line(message).mdc()).as(message).isEqualTo(Map.of("request_id", "req-1"));
      }
      // the pool thread got its own (careless) state back after every run
      assertThat(Mdc.of(pool)).isEqualTo(Map.of("request_id", "previous-request"));
    } finally {
      Mdc.shutdown(pool);
    }
  }

  @Test
  void should_not_carry_the_context_without_logctx() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      try (Scope scope = LogContext.bind("request_id", "req-1")) {
        pool.submit(() -> log.info("plain")).get(10, TimeUnit.SECONDS);
      }
      assertThat(logs.line("plain").mdc()).doesNotContainKey("request_id");
    } finally {
      Mdc.shutdown(pool);
    }
  }

  @Test
  void should_return_a_runnable_unchanged_when_the_same_snapshot_wraps_it_again() {
    LogContext context = LogContext.of(Map.of("k", "v"));
    Runnable once = context.wrap(() -> {});
    assertThat(context.wrap(once)).isSameAs(once);
    assertThat(LogContext.of(Map.of("k", "w")).wrap(once)).isNotSameAs(once);
  }

  @Test
  void should_reject_null_arguments_naming_them() {
    LogContext context = LogContext.empty();
    assertThatThrownBy(() -> LogContext.of(null)).hasMessage("entries");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> LogContext.of(nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("null value (key 'k')");
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertThatThrownBy(() -> LogContext.of(nullKey)).hasMessageContaining("null key");
    assertThatThrownBy(() -> context.with(null, "v")).hasMessage("key");
    assertThatThrownBy(() -> context.with("k", null)).hasMessage("value");
    assertThatThrownBy(() -> context.without(null)).hasMessage("key");
    assertThatThrownBy(() -> context.get(null)).hasMessage("key");
    assertThatThrownBy(() -> LogContext.bind(null, "v")).hasMessage("key");
    assertThatThrownBy(() -> LogContext.bind("k", null)).hasMessage("value");
    assertThatThrownBy(() -> LogContext.bind(nullValue)).hasMessageContaining("null value");
    assertThatThrownBy(() -> context.run(null)).hasMessage("task");
    assertThatThrownBy(() -> context.call(null)).hasMessage("task");
    assertThatThrownBy(() -> context.wrap((Runnable) null)).hasMessage("task");
    assertThatThrownBy(() -> context.wrapSupplier(null)).hasMessage("supplier");
    assertThatThrownBy(() -> context.wrapFunction(null)).hasMessage("function");
    assertThatThrownBy(() -> context.wrapConsumer(null)).hasMessage("consumer");
    assertThatThrownBy(() -> context.wrapBiFunction(null)).hasMessage("function");
    assertThatThrownBy(() -> context.wrapBiConsumer(null)).hasMessage("consumer");
    assertThat(Mdc.now()).isEmpty();
  }

  @Test
  void should_add_several_entries_at_once_with_a_map() {
    LogContext base = LogContext.of(Map.of("request_id", "req-1", "user_id", "u-1"));
    LogContext more = base.with(Map.of("user_id", "u-2", "tenant", "acme"));
    assertThat(more.asMap())
        .isEqualTo(Map.of("request_id", "req-1", "user_id", "u-2", "tenant", "acme"));
    assertThat(base.asMap()).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1"));
    assertThat(base.with(Map.of("user_id", "u-1"))).isSameAs(base);
    assertThat(base.with(Map.of())).isSameAs(base);
    assertThat(LogContext.empty().with(Map.of("k", "v"))).isEqualTo(LogContext.of(Map.of("k", "v")));
  }

  @Test
  void should_reject_null_entries_given_to_with_a_map() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> LogContext.empty().with((Map<String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("entries");
    assertThatThrownBy(() -> LogContext.empty().with(nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("null value (key 'k')");
  }

  @Test
  void every_wrap_method_returns_its_own_wrapper_unchanged_for_the_same_snapshot() {
    LogContext context = LogContext.of(Map.of("request_id", "req-1"));
    LogContext other = LogContext.of(Map.of("request_id", "req-2"));
    Runnable runnable = context.wrap(() -> {});
    java.util.concurrent.Callable<String> callable = context.wrap(() -> "x");
    java.util.function.Supplier<String> supplier = context.wrapSupplier(() -> "x");
    java.util.function.Function<String, String> function = context.wrapFunction(v -> v);
    java.util.function.Consumer<String> consumer = context.wrapConsumer(v -> {});
    java.util.function.BiFunction<String, String, String> biFunction =
        context.wrapBiFunction((a, b) -> a);
    java.util.function.BiConsumer<String, String> biConsumer = context.wrapBiConsumer((a, b) -> {});
    assertThat(context.wrap(runnable)).isSameAs(runnable);
    assertThat(context.wrap(callable)).isSameAs(callable);
    assertThat(context.wrapSupplier(supplier)).isSameAs(supplier);
    assertThat(context.wrapFunction(function)).isSameAs(function);
    assertThat(context.wrapConsumer(consumer)).isSameAs(consumer);
    assertThat(context.wrapBiFunction(biFunction)).isSameAs(biFunction);
    assertThat(context.wrapBiConsumer(biConsumer)).isSameAs(biConsumer);
    // a snapshot with the same entries (LogContext.current() makes a new one each time) too
    assertThat(LogContext.of(Map.of("request_id", "req-1")).wrap(runnable)).isSameAs(runnable);
    // another snapshot wraps again: its context must win when it runs
    assertThat(other.wrapSupplier(supplier)).isNotSameAs(supplier);
    assertThat(other.wrapSupplier(supplier).get()).isEqualTo("x");
  }
}
