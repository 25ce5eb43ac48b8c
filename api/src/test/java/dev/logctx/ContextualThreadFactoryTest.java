package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link ContextualExecutors#threadFactory}: a thread runs its task in the context of the {@code
 * newThread} call, as a copy; a JDK pool's worker threads get no context from it.
 */
class ContextualThreadFactoryTest {
  private static final Logger log = LoggerFactory.getLogger(ContextualThreadFactoryTest.class);
  private static final Map<String, String> REQUEST =
      Map.of("request_id", "req-1", "user_id", "u-1");

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  /** The MDC each probed thread holds after its task (and logctx's wrapper) returned. */
  private final Map<String, Map<String, String>> endStates = new ConcurrentHashMap<>();

  /** The threads the probing factories created, to wait for their end. */
  private final List<Thread> probed = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanup() {
    Mdc.assertTestThreadClean();
  }

  /**
   * A delegate factory that records, under the thread's name, the MDC the thread holds once the
   * runnable it was handed (logctx's wrapper, when wrapped) has returned: how the thread ends.
   */
  private ThreadFactory probing(ThreadFactory threads) {
    return task -> {
      Thread thread = threads.newThread(() -> {
        try {
          task.run();
        } finally {
          endStates.put(Thread.currentThread().getName(), Mdc.now());
        }
      });
      probed.add(thread);
      return thread;
    };
  }

  /** The end states of every probed thread, once each has ended (a pool terminates earlier). */
  private Map<String, Map<String, String>> endStates() throws InterruptedException {
    for (Thread thread : probed) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(thread.isAlive()).as("%s still running", thread).isFalse();
    }
    assertThat(endStates).hasSize(probed.size());
    return endStates;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, prefix + count.incrementAndGet());
  }

  private static void startAndJoin(List<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(thread.isAlive()).as("%s still running", thread).isFalse();
    }
  }

  @Test
  void a_thread_runs_its_task_in_the_context_of_the_new_thread_call_not_of_its_start()
      throws Exception {
    ThreadFactory factory = ContextualExecutors.threadFactory(Executors.defaultThreadFactory());
    Thread thread;
    try (Scope scope = LogContext.bind(REQUEST)) {
      thread = factory.newThread(() -> log.info("on the new thread"));
      MDC.put("request_id", "req-changed-before-start");
      startAndJoin(List.of(thread));
    }
    assertThat(logs.mdcOf("on the new thread")).isEqualTo(REQUEST);
    assertThat(logs.threadOf("on the new thread")).isEqualTo(thread.getName());
  }

  @Test
  void should_not_carry_the_context_to_a_thread_of_the_unwrapped_factory() throws Exception {
    try (Scope scope = LogContext.bind(REQUEST)) {
      startAndJoin(List.of(Executors.defaultThreadFactory()
          .newThread(() -> log.info("unwrapped factory"))));
    }
    assertThat(logs.mdcOf("unwrapped factory")).isEmpty();
  }

  @Test
  void a_threads_changes_reach_neither_its_creator_nor_a_sibling_and_the_thread_ends_clean()
      throws Exception {
    ThreadFactory factory = ContextualExecutors.threadFactory(probing(named("sibling-")));
    CountDownLatch firstWrote = new CountDownLatch(1);
    CountDownLatch secondLogged = new CountDownLatch(1);
    try (Scope scope = LogContext.bind(REQUEST)) {
      Thread first = factory.newThread(() -> {
        MDC.put("step", "first");
        MDC.remove("user_id");
        firstWrote.countDown();
        await(secondLogged);
        log.info("first");
      });
      Thread second = factory.newThread(() -> {
        await(firstWrote);
        log.info("second");
        MDC.put("step", "second");
        secondLogged.countDown();
      });
      startAndJoin(List.of(first, second));
      assertThat(Mdc.now()).as("the creator's MDC").isEqualTo(REQUEST);
    }
    assertThat(logs.mdcOf("first")).isEqualTo(Map.of("request_id", "req-1", "step", "first"));
    assertThat(logs.mdcOf("second")).isEqualTo(REQUEST);
    assertThat(endStates()).isEqualTo(Map.of("sibling-1", Map.of(), "sibling-2", Map.of()));
  }

  @Test
  void the_end_state_probe_sees_what_a_thread_without_logctx_leaves_behind() throws Exception {
    startAndJoin(List.of(probing(named("bare-")).newThread(() -> MDC.put("left", "behind"))));
    assertThat(endStates()).isEqualTo(Map.of("bare-1", Map.of("left", "behind")));
  }

  /**
   * Every kind of JDK pool built on {@code ThreadPoolExecutor}: the thread a request's submission
   * creates goes on to run later tasks of other requests.
   */
  private static ExecutorService pool(String kind, ThreadFactory factory) {
    switch (kind) {
      case "single":
        return Executors.newSingleThreadExecutor(factory);
      case "fixed":
        return Executors.newFixedThreadPool(1, factory);
      case "scheduled":
        return Executors.newSingleThreadScheduledExecutor(factory);
      case "prestarted":
        ThreadPoolExecutor prestarted = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        prestarted.prestartAllCoreThreads(); // the creating thread is the caller's, right here
        return prestarted;
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  /** The creating request submits first (its submission creates the one worker), then two more. */
  private void creatorThenLaterTasks(String kind, ThreadFactory factory) throws Exception {
    ExecutorService pool;
    try (Scope creator = LogContext.bind("request_id", "req-creator")) {
      pool = pool(kind, factory);
      pool.submit(() -> log.info("first task")).get(10, TimeUnit.SECONDS);
    }
    try {
      try (Scope later = LogContext.bind("request_id", "req-later")) {
        pool.submit(() -> log.info("later task")).get(10, TimeUnit.SECONDS);
      }
      pool.submit(() -> log.info("task without context")).get(10, TimeUnit.SECONDS);
    } finally {
      Mdc.shutdown(pool);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"single", "fixed", "scheduled", "prestarted"})
  void a_jdk_pools_worker_never_lends_the_creating_requests_id_to_later_tasks(String kind)
      throws Exception {
    creatorThenLaterTasks(
        kind, ContextualExecutors.threadFactory(probing(Executors.defaultThreadFactory())));
    assertThat(logs.lines())
        .as("no line of a task on the pool's thread carries the creating request's id")
        .noneMatch(line -> "req-creator".equals(line.requestId()));
    // The pool itself is not contextual: its tasks run with the thread's own, empty, MDC.
    assertThat(logs.mdcOf("first task")).isEmpty();
    assertThat(logs.mdcOf("later task")).isEmpty();
    assertThat(logs.mdcOf("task without context")).isEmpty();
    assertThat(endStates().values()).containsOnly(Map.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"single", "fixed", "scheduled", "prestarted"})
  void a_factory_that_wrapped_a_pools_worker_would_lend_the_creators_id_to_every_later_task(
      String kind) throws Exception {
    ThreadFactory lending = task -> Executors.defaultThreadFactory()
        .newThread(LogContext.current().wrap(task));
    creatorThenLaterTasks(kind, lending);
    assertThat(logs.mdcOf("later task")).containsEntry("request_id", "req-creator");
    assertThat(logs.mdcOf("task without context")).containsEntry("request_id", "req-creator");
  }

  @Test
  void a_wrapped_pool_on_it_runs_each_task_in_its_submitters_context() throws Exception {
    ThreadFactory factory = ContextualExecutors.threadFactory(Executors.defaultThreadFactory());
    ExecutorService pool;
    try (Scope creator = LogContext.bind("request_id", "req-creator")) {
      pool = ContextualExecutors.wrap(Executors.newSingleThreadExecutor(factory));
      pool.submit(() -> log.info("first task")).get(10, TimeUnit.SECONDS);
    }
    try {
      try (Scope later = LogContext.bind("request_id", "req-later")) {
        pool.submit(() -> log.info("later task")).get(10, TimeUnit.SECONDS);
      }
      pool.submit(() -> log.info("task without context")).get(10, TimeUnit.SECONDS);
    } finally {
      Mdc.shutdown(pool);
    }
    assertThat(logs.mdcOf("first task")).isEqualTo(Map.of("request_id", "req-creator"));
    assertThat(logs.mdcOf("later task")).isEqualTo(Map.of("request_id", "req-later"));
    assertThat(logs.mdcOf("task without context")).isEmpty();
  }

  @Test
  void null_arguments_fail_naming_them_and_leave_the_mdc_as_it_was() {
    try (Scope scope = LogContext.bind(REQUEST)) {
      assertThatThrownBy(() -> ContextualExecutors.threadFactory(null))
          .isInstanceOf(NullPointerException.class).hasMessage("factory");
      ThreadFactory factory = ContextualExecutors.threadFactory(Executors.defaultThreadFactory());
      assertThatThrownBy(() -> factory.newThread(null))
          .isInstanceOf(NullPointerException.class).hasMessage("task");
      assertThat(Mdc.now()).isEqualTo(REQUEST);
    }
  }

  @Test
  void wrapping_a_wrapped_factory_returns_it_unchanged() {
    ThreadFactory once = ContextualExecutors.threadFactory(Executors.defaultThreadFactory());
    assertThat(ContextualExecutors.threadFactory(once)).isSameAs(once);
  }

  @Test
  void a_thread_the_delegate_refuses_is_refused_with_null_as_the_delegate_says() {
    ThreadFactory refusing = ContextualExecutors.threadFactory(task -> null);
    try (Scope scope = LogContext.bind(REQUEST)) {
      assertThat(refusing.newThread(() -> log.info("never"))).isNull();
      assertThat(Mdc.now()).isEqualTo(REQUEST);
    }
  }

  // --- virtual threads (Java 21+; CI runs these on JDK 25) --------------------------------------

  /** {@code Thread.ofVirtual().factory()}, reached by reflection: the tests compile for Java 17. */
  private static ThreadFactory virtualThreadFactory() throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    return (ThreadFactory)
        Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
  }

  /** {@code Executors.newThreadPerTaskExecutor(factory)}, by reflection. */
  private static ExecutorService threadPerTask(ThreadFactory factory)
      throws ReflectiveOperationException {
    return (ExecutorService) Executors.class
        .getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null, factory);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtual_threads_of_a_wrapped_factory_each_keep_their_creators_context_and_end_clean()
      throws Exception {
    ThreadFactory factory = ContextualExecutors.threadFactory(probing(virtualThreadFactory()));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      try (Scope scope = LogContext.bind(Map.of("request_id", "req-" + n))) {
        Thread thread = factory.newThread(() -> {
          log.info("virtual {}", n);
          MDC.put("scribble", "v-" + n);
        });
        thread.setName("virtual-" + n);
        threads.add(thread);
      }
    }
    startAndJoin(threads);
    Map<String, Map<String, String>> ends = endStates();
    for (int i = 0; i < 200; i++) {
      assertThat(logs.mdcOf("virtual " + i)).isEqualTo(Map.of("request_id", "req-" + i));
      assertThat(ends.get("virtual-" + i)).as("end state of virtual-%s", i).isEmpty();
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void a_virtual_thread_per_task_executor_on_it_runs_each_task_in_its_submitters_context()
      throws Exception {
    ExecutorService perTask =
        threadPerTask(ContextualExecutors.threadFactory(virtualThreadFactory()));
    List<Future<?>> submitted = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        int n = i;
        try (Scope scope = LogContext.bind(Map.of("request_id", "req-" + n))) {
          submitted.add(perTask.submit(() -> log.info("per task {}", n)));
        }
      }
      for (Future<?> future : submitted) {
        future.get(10, TimeUnit.SECONDS);
      }
    } finally {
      Mdc.shutdown(perTask);
    }
    for (int i = 0; i < 200; i++) {
      assertThat(logs.mdcOf("per task " + i)).isEqualTo(Map.of("request_id", "req-" + i));
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void should_not_carry_the_context_to_a_thread_of_the_unwrapped_virtual_factory()
      throws Exception {
    ThreadFactory virtual = virtualThreadFactory();
    try (Scope scope = LogContext.bind(REQUEST)) {
      startAndJoin(List.of(virtual.newThread(() -> log.info("unwrapped virtual"))));
    }
    assertThat(logs.mdcOf("unwrapped virtual")).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
