package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The thread context provider SPI contract, as both specifications (MicroProfile Context
 * Propagation 1.3 and Jakarta Concurrency 3.1) word it, checked against one provider. The two
 * subclasses adapt the two SPIs; the tests and their {@code @AfterEach} are shared.
 *
 * @param <S> the specification's snapshot type
 */
abstract class ThreadContextProviderContract<S> {
  private static final Logger log = LoggerFactory.getLogger(ThreadContextProviderContract.class);

  CapturedLog logs;
  private ExecutorService worker;
  private ExecutorService otherWorker;

  /** {@code provider.currentContext(Map.of())}. */
  abstract S capture();

  /** {@code provider.clearedContext(Map.of())}. */
  abstract S cleared();

  /** Begins {@code snapshot} on this thread; running the result ends it. */
  abstract Runnable begin(S snapshot);

  /** A new provider, created as ServiceLoader does. */
  abstract Object newProvider() throws Exception;

  /** {@code getThreadContextType()} of {@code provider}. */
  abstract String typeOf(Object provider);

  @BeforeEach
  void capture_logs_and_start_workers() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
    worker = Workers.singleThread("provider-worker");
    otherWorker = Workers.singleThread("provider-other-worker");
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() throws Exception {
    logs.close();
    Workers.stop(worker);
    Workers.stop(otherWorker);
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  /** What a framework does with a captured snapshot on a pooled thread. */
  private void runOn(ExecutorService pool, S snapshot, String line) throws Exception {
    pool.submit(
            () -> {
              Runnable end = begin(snapshot);
              try {
                log.info(line);
              } finally {
                end.run();
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void should_run_the_task_in_the_callers_mdc_on_a_pooled_thread() throws Exception {
    S snapshot;
    Scope request = LogContext.bind(Map.of("request_id", "req-1", "user_id", "u-7"));
    try {
      snapshot = capture();
      worker.submit(() -> log.info("without the provider")).get(10, TimeUnit.SECONDS);
    } finally {
      request.close();
    }

    runOn(worker, snapshot, "with the provider");

    assertThat(logs.mdcOf("with the provider"))
        .containsOnly(entry("request_id", "req-1"), entry("user_id", "u-7"));
    assertThat(logs.threadOf("with the provider")).startsWith("provider-worker");
    assertThat(logs.mdcOf("without the provider")).as("negative control").isEmpty();
    assertThat(Workers.mdcOf(worker)).as("worker MDC after the task").isEmpty();
  }

  @Test
  void should_keep_the_snapshot_as_captured_when_the_caller_changes_its_mdc() throws Exception {
    S snapshot;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      snapshot = capture();
      MDC.put("request_id", "req-2");
      MDC.put("added_later", "x");
    } finally {
      request.close();
    }

    runOn(worker, snapshot, "captured earlier");

    assertThat(logs.mdcOf("captured earlier")).containsExactly(entry("request_id", "req-1"));
  }

  @Test
  void should_begin_one_snapshot_on_two_threads_at_once_and_again_later() throws Exception {
    S snapshot;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      snapshot = capture();
    } finally {
      request.close();
    }
    CyclicBarrier bothInside = new CyclicBarrier(2);
    Runnable task =
        () -> {
          Runnable end = begin(snapshot);
          try {
            bothInside.await(10, TimeUnit.SECONDS);
            log.info("concurrent use");
            MDC.put("request_id", "changed-by-" + Thread.currentThread().getName());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          } finally {
            end.run();
          }
        };

    Future<?> first = worker.submit(task);
    Future<?> second = otherWorker.submit(task);
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    runOn(worker, snapshot, "used again");

    assertThat(logs.withMessage("concurrent use"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.mdc()).containsExactly(entry("request_id", "req-1")))
        .extracting(e -> e.thread())
        .doesNotHaveDuplicates();
    assertThat(logs.mdcOf("used again")).containsExactly(entry("request_id", "req-1"));
    assertThat(Workers.mdcOf(worker)).isEmpty();
    assertThat(Workers.mdcOf(otherWorker)).isEmpty();
  }

  @Test
  void should_run_with_an_empty_mdc_when_cleared_and_give_the_thread_its_own_back()
      throws Exception {
    Workers.pollute(worker, Map.of("stale", "left-over"));
    worker.submit(() -> log.info("stale without the provider")).get(10, TimeUnit.SECONDS);

    runOn(worker, cleared(), "cleared");

    assertThat(logs.mdcOf("cleared")).isEmpty();
    assertThat(logs.mdcOf("stale without the provider"))
        .as("negative control")
        .containsExactly(entry("stale", "left-over"));
    assertThat(Workers.mdcOf(worker))
        .as("the thread's own MDC is restored exactly")
        .containsExactly(entry("stale", "left-over"));
  }

  @Test
  void should_return_the_cleared_snapshot_when_the_mdc_is_empty() {
    assertThat(capture()).isSameAs(cleared()).isSameAs(capture());
  }

  @Test
  void should_restore_exactly_the_prior_mdc_after_the_task_changed_it() {
    S snapshot;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      snapshot = capture();
    } finally {
      request.close();
    }
    Scope outer = LogContext.bind(Map.of("request_id", "outer", "user_id", "u-1"));
    try {
      Runnable end = begin(snapshot);
      log.info("in the snapshot");
      MDC.put("added_by_task", "x");
      MDC.remove("request_id");
      end.run();
      log.info("after end");

      assertThat(logs.mdcOf("in the snapshot")).containsExactly(entry("request_id", "req-1"));
      assertThat(logs.mdcOf("after end"))
          .containsOnly(entry("request_id", "outer"), entry("user_id", "u-1"));
    } finally {
      outer.close();
    }
  }

  @Test
  void should_restore_when_begin_wrote_nothing_but_the_task_changed_the_mdc() {
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      S snapshot = capture(); // the thread already holds exactly this map
      Runnable end = begin(snapshot);
      MDC.put("added_by_task", "x");
      end.run();
      log.info("after end");

      assertThat(logs.mdcOf("after end")).containsExactly(entry("request_id", "req-1"));
    } finally {
      request.close();
    }
  }

  @Test
  void should_throw_illegal_state_when_ended_twice_and_keep_the_restored_mdc() {
    S snapshot;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      snapshot = capture();
    } finally {
      request.close();
    }
    Runnable end = begin(snapshot);
    end.run();
    MDC.put("set_after_end", "y");
    try {
      assertThatThrownBy(end::run).isInstanceOf(IllegalStateException.class);
      assertThat(Workers.currentMdc()).containsExactly(entry("set_after_end", "y"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void should_allow_the_interleaved_nesting_the_specification_describes() {
    S a = snapshotOf("a");
    S b = snapshotOf("b");
    S c = snapshotOf("c");
    Scope outer = LogContext.bind("request_id", "outer");
    try {
      Runnable a1 = begin(a);
      Runnable b1 = begin(b);
      Runnable c1 = begin(c);
      log.info("c1");
      c1.run();
      log.info("after c1");
      Runnable b2 = begin(b);
      Runnable c2 = begin(c);
      log.info("c2");
      MDC.put("changed_in", "c2");
      c2.run();
      log.info("after c2");
      b2.run();
      log.info("after b2");
      b1.run();
      log.info("after b1");
      a1.run();
      log.info("after a1");
    } finally {
      outer.close();
    }

    assertThat(logs.mdcOf("c1")).containsExactly(entry("request_id", "c"));
    assertThat(logs.mdcOf("after c1")).containsExactly(entry("request_id", "b"));
    assertThat(logs.mdcOf("c2")).containsExactly(entry("request_id", "c"));
    assertThat(logs.mdcOf("after c2")).containsExactly(entry("request_id", "b"));
    assertThat(logs.mdcOf("after b2")).containsExactly(entry("request_id", "b"));
    assertThat(logs.mdcOf("after b1")).containsExactly(entry("request_id", "a"));
    assertThat(logs.mdcOf("after a1")).containsExactly(entry("request_id", "outer"));
  }

  private S snapshotOf(String requestId) {
    Scope scope = LogContext.bind("request_id", requestId);
    try {
      return capture();
    } finally {
      scope.close();
    }
  }

  @Test
  void should_be_created_by_a_public_no_arg_constructor_and_name_its_type_LogContext()
      throws Exception {
    Object provider = newProvider();

    assertThat(typeOf(provider)).isEqualTo("LogContext");
  }

  @Test
  void should_take_its_type_name_from_the_system_property() throws Exception {
    String key = "logctx.context-type";
    try {
      System.setProperty(key, "RequestLog");
      assertThat(typeOf(newProvider())).isEqualTo("RequestLog");
      System.setProperty(key, "  ");
      assertThat(typeOf(newProvider())).as("blank means default").isEqualTo("LogContext");
    } finally {
      System.clearProperty(key);
    }
    assertThat(typeOf(newProvider())).isEqualTo("LogContext");
  }
}
