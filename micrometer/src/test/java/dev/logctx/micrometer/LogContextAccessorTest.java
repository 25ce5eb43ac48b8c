package dev.logctx.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextScheduledExecutorService;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The accessor through Micrometer's own API, on reused single-thread pools: what a task logs, what
 * the pooled thread and the caller keep afterwards, and Micrometer's call protocol (nested and out
 * of order), each beside the same work without the accessor.
 */
class LogContextAccessorTest {
  private static final Logger log = LoggerFactory.getLogger(LogContextAccessorTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "pooled"));
  private final ScheduledExecutorService scheduled =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "scheduled"));

  private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

  @AfterEach
  void cleanup() throws Exception {
    try {
      assertThat(mdcOf(pool)).as("MDC left on the pooled thread").isEmpty();
      assertThat(scheduled.submit(LogContextAccessorTest::mdcNow).get(10, TimeUnit.SECONDS))
          .as("MDC left on the scheduler thread")
          .isEmpty();
    } finally {
      pool.shutdownNow();
      scheduled.shutdownNow();
      Map<String, String> left = mdcNow();
      MDC.clear();
      assertThat(left).as("MDC left on the test thread").isEmpty();
    }
  }

  @Test
  void the_jar_registers_the_accessor_with_micrometer_without_any_code() {
    assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
        .filteredOn(accessor -> accessor.key().equals(LogContextAccessor.KEY))
        .singleElement()
        .isInstanceOf(LogContextAccessor.class);
  }

  @Test
  void a_wrapped_task_logs_the_callers_mdc_on_a_pooled_thread() throws Exception {
    Runnable task;
    try (Scope scope = LogContext.bind(Map.of("request_id", "req-1", "user_id", "u-1"))) {
      task = snapshots.captureAll().wrap(() -> log.info("wrapped"));
    }
    pool.submit(task).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("wrapped")).containsExactlyInAnyOrderEntriesOf(
        Map.of("request_id", "req-1", "user_id", "u-1"));
    assertThat(logs.threadOf("wrapped")).isEqualTo("pooled");
  }

  @Test
  void without_the_accessor_the_same_task_logs_no_request_id() throws Exception {
    ContextSnapshotFactory withoutLogctx =
        ContextSnapshotFactory.builder().contextRegistry(new ContextRegistry()).build();
    Runnable task;
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      task = withoutLogctx.captureAll().wrap(() -> log.info("wrapped"));
    }
    pool.submit(task).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("wrapped")).doesNotContainKey("request_id");
  }

  @Test
  void micrometers_executor_wrappers_hand_the_submitters_mdc_over() throws Exception {
    ExecutorService wrapped = ContextExecutorService.wrap(pool, snapshots);
    ScheduledExecutorService wrappedScheduled = ContextScheduledExecutorService.wrap(scheduled, snapshots);
    try (Scope scope = LogContext.bind("request_id", "req-2")) {
      wrapped.submit(() -> log.info("submitted")).get(10, TimeUnit.SECONDS);
      wrappedScheduled
          .schedule(() -> log.info("scheduled"), 1, TimeUnit.MILLISECONDS)
          .get(10, TimeUnit.SECONDS);
    }
    try (Scope scope = LogContext.bind("request_id", "req-3")) {
      wrapped.submit(() -> log.info("submitted later")).get(10, TimeUnit.SECONDS);
    }

    assertThat(logs.line("submitted").requestId()).isEqualTo("req-2");
    assertThat(logs.line("scheduled").requestId()).isEqualTo("req-2");
    assertThat(logs.line("submitted later").requestId()).isEqualTo("req-3");
  }

  @Test
  void a_task_handed_over_from_an_empty_mdc_runs_with_an_empty_mdc_on_a_thread_with_stale_values()
      throws Exception {
    pool.submit(() -> MDC.put("request_id", "stale")).get(10, TimeUnit.SECONDS);
    try {
      pool.submit(snapshots.captureAll().wrap(() -> log.info("from an empty mdc")))
          .get(10, TimeUnit.SECONDS);

      assertThat(logs.mdcOf("from an empty mdc")).isEmpty();
      assertThat(mdcOf(pool)).as("the thread's own MDC, put back").containsEntry("request_id", "stale");
    } finally {
      pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void micrometers_own_mdc_accessor_lends_the_stale_value_to_a_task_from_an_empty_mdc()
      throws Exception {
    ContextSnapshotFactory slf4jOnly =
        ContextSnapshotFactory.builder()
            .contextRegistry(new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor()))
            .build();
    pool.submit(() -> MDC.put("request_id", "stale")).get(10, TimeUnit.SECONDS);
    try {
      pool.submit(slf4jOnly.captureAll().wrap(() -> log.info("from an empty mdc")))
          .get(10, TimeUnit.SECONDS);

      assertThat(logs.line("from an empty mdc").requestId()).isEqualTo("stale");
    } finally {
      pool.submit(MDC::clear).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void what_a_task_changes_reaches_neither_the_caller_nor_the_next_task() throws Exception {
    ExecutorService wrapped = ContextExecutorService.wrap(pool, snapshots);
    try (Scope scope = LogContext.bind("request_id", "req-4")) {
      wrapped
          .submit(() -> {
            MDC.put("request_id", "changed");
            MDC.put("extra", "x");
            MDC.remove("user_id");
          })
          .get(10, TimeUnit.SECONDS);
      log.info("caller after the task");
      wrapped.submit(() -> log.info("next task")).get(10, TimeUnit.SECONDS);
    }
    pool.submit(() -> log.info("plain task")).get(10, TimeUnit.SECONDS);

    assertThat(logs.mdcOf("caller after the task")).isEqualTo(Map.of("request_id", "req-4"));
    assertThat(logs.mdcOf("next task")).isEqualTo(Map.of("request_id", "req-4"));
    assertThat(logs.mdcOf("plain task")).isEmpty();
  }

  @Test
  void a_task_that_throws_leaves_the_pooled_thread_as_it_was() throws Exception {
    Runnable failing = () -> {
      log.info("about to fail");
      throw new IllegalStateException("boom");
    };
    Runnable task;
    try (Scope scope = LogContext.bind("request_id", "req-5")) {
      task = snapshots.captureAll().wrap(failing);
    }
    var failed = pool.submit(task);
    assertThat(failed).failsWithin(10, TimeUnit.SECONDS);

    assertThat(logs.line("about to fail").requestId()).isEqualTo("req-5");
    assertThat(mdcOf(pool)).isEmpty();
  }

  @Test
  void restore_puts_back_no_map_and_an_empty_map_as_they_were() throws Exception {
    ContextSnapshot request;
    try (Scope scope = LogContext.bind("request_id", "req-6")) {
      request = snapshots.captureAll();
    }
    // no map at all
    MDC.clear();
    try (ContextSnapshot.Scope scope = request.setThreadLocals()) {
      log.info("in scope over no map");
    }
    assertThat(MDC.getCopyOfContextMap()).as("no map stays none").isNull();
    // an empty map
    MDC.put("tmp", "1");
    MDC.remove("tmp");
    try (ContextSnapshot.Scope scope = request.setThreadLocals()) {
      log.info("in scope over an empty map");
    }
    assertThat(MDC.getCopyOfContextMap()).as("an empty map stays empty").isNotNull().isEmpty();
    MDC.clear();

    assertThat(logs.line("in scope over no map").requestId()).isEqualTo("req-6");
    assertThat(logs.line("in scope over an empty map").requestId()).isEqualTo("req-6");
  }

  @Test
  void nested_scopes_restore_each_level() {
    ContextSnapshot outer = snapshotOf("outer");
    ContextSnapshot inner = snapshotOf("inner");
    try (Scope base = LogContext.bind("request_id", "base")) {
      try (ContextSnapshot.Scope o = outer.setThreadLocals()) {
        try (ContextSnapshot.Scope i = inner.setThreadLocals()) {
          log.info("inner level");
        }
        log.info("outer level");
      }
      log.info("base level");
    }
    assertThat(logs.line("inner level").requestId()).isEqualTo("inner");
    assertThat(logs.line("outer level").requestId()).isEqualTo("outer");
    assertThat(logs.line("base level").requestId()).isEqualTo("base");
  }

  @Test
  void scopes_closed_out_of_order_leave_the_thread_as_before_the_outermost() {
    ContextSnapshot first = snapshotOf("first");
    ContextSnapshot second = snapshotOf("second");
    try (Scope base = LogContext.bind("request_id", "base")) {
      ContextSnapshot.Scope a = first.setThreadLocals();
      ContextSnapshot.Scope b = second.setThreadLocals();
      a.close(); // the outer one first
      log.info("after the outer close");
      b.close();
      log.info("after both");
    }
    assertThat(logs.line("after the outer close").requestId()).isEqualTo("base");
    assertThat(logs.line("after both").requestId())
        .as("the inner scope's close must not bring back the outer snapshot")
        .isEqualTo("base");
  }

  @Test
  void a_naive_accessor_brings_back_a_closed_snapshot_when_scopes_close_out_of_order() {
    ContextRegistry naive = new ContextRegistry().registerThreadLocalAccessor(new NaiveMdcAccessor());
    ContextSnapshotFactory factory = ContextSnapshotFactory.builder().contextRegistry(naive).build();
    ContextSnapshot first;
    ContextSnapshot second;
    try (Scope scope = LogContext.bind("request_id", "first")) {
      first = factory.captureAll();
    }
    try (Scope scope = LogContext.bind("request_id", "second")) {
      second = factory.captureAll();
    }
    try (Scope base = LogContext.bind("request_id", "base")) {
      ContextSnapshot.Scope a = first.setThreadLocals();
      ContextSnapshot.Scope b = second.setThreadLocals();
      a.close();
      b.close();
      log.info("after both");
    }
    assertThat(logs.line("after both").requestId()).isEqualTo("first");
  }

  @Test
  void a_restore_on_a_thread_without_its_set_changes_nothing_there() throws Exception {
    LogContextAccessor accessor = new LogContextAccessor();
    LogContext previous = accessor.getValue();
    accessor.setValue(LogContext.of(Map.of("request_id", "opened-here")));
    try {
      pool.submit(() -> {
            MDC.put("request_id", "pooled-own");
            accessor.restore(previous);
            log.info("restored elsewhere");
            MDC.clear();
          })
          .get(10, TimeUnit.SECONDS);
      log.info("opening thread");
    } finally {
      accessor.restore(previous);
    }
    assertThat(logs.line("restored elsewhere").requestId()).isEqualTo("pooled-own");
    assertThat(logs.line("opening thread").requestId()).isEqualTo("opened-here");
  }

  @Test
  void an_empty_mdc_captures_the_empty_context_not_null() {
    assertThat(new LogContextAccessor().getValue()).isSameAs(LogContext.empty());
  }

  private ContextSnapshot snapshotOf(String requestId) {
    try (Scope scope = LogContext.bind("request_id", requestId)) {
      return snapshots.captureAll();
    }
  }

  private static Map<String, String> mdcNow() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null ? Map.of() : map;
  }

  private static Map<String, String> mdcOf(ExecutorService pool) throws Exception {
    return pool.submit(LogContextAccessorTest::mdcNow).get(10, TimeUnit.SECONDS);
  }

  /** Sets and restores the MDC as Micrometer's default protocol suggests: restore is a set. */
  private static final class NaiveMdcAccessor implements ThreadLocalAccessor<Map<String, String>> {
    @Override
    public Object key() {
      return "naive.mdc";
    }

    @Override
    public Map<String, String> getValue() {
      return mdcNow();
    }

    @Override
    public void setValue(Map<String, String> value) {
      MDC.setContextMap(value);
    }

    @Override
    public void setValue() {
      MDC.clear();
    }
  }
}
