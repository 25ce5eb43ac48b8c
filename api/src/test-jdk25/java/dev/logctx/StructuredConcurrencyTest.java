package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Structured concurrency (JDK 25, a preview API there: compiled and run only on JDK 25 with
 * {@code --enable-preview}, by the api module's profile {@code structured-concurrency-jdk25}): a
 * scope whose thread factory is {@link ContextualExecutors#threadFactory} gives every fork a copy
 * of the owner's MDC of the fork moment.
 */
class StructuredConcurrencyTest {
  private static final Logger log = LoggerFactory.getLogger(StructuredConcurrencyTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  /** The MDC each fork's thread holds after its task (and logctx's wrapper) returned. */
  private final Map<String, Map<String, String>> endStates = new ConcurrentHashMap<>();

  private final List<Thread> forks = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanup() {
    Map<String, String> left = MDC.getCopyOfContextMap();
    MDC.clear();
    assertThat(left == null ? Map.of() : left).as("MDC left on the test thread").isEmpty();
  }

  /** Virtual threads named fork-1, fork-2..., recording how each ends. */
  private ThreadFactory probedVirtualThreads() {
    ThreadFactory virtual = Thread.ofVirtual().name("fork-", 1).factory();
    return task -> {
      Thread thread = virtual.newThread(() -> {
        try {
          task.run();
        } finally {
          Map<String, String> end = MDC.getCopyOfContextMap();
          endStates.put(Thread.currentThread().getName(), end == null ? Map.of() : end);
        }
      });
      forks.add(thread);
      return thread;
    };
  }

  private Map<String, Map<String, String>> endStates() throws InterruptedException {
    for (Thread fork : forks) {
      assertThat(fork.join(Duration.ofSeconds(10))).as("%s ended", fork).isTrue();
    }
    return endStates;
  }

  @Test
  void readme_example() throws Exception {
    // readme:start structured-concurrency
    ThreadFactory threads = ContextualExecutors.threadFactory(Thread.ofVirtual().factory());
    try (Scope request = LogContext.bind("request_id", "req-42");
        var scope = StructuredTaskScope.open(Joiner.awaitAllSuccessfulOrThrow(),
            cf -> cf.withThreadFactory(threads))) {
      Subtask<String> stock = scope.fork(() -> {
        log.info("checking stock"); // request_id=req-42, on a virtual thread
        return "in stock";
      });
      scope.join();
      log.info("stock: {}", stock.get());
    }
    // readme:end
    assertThat(logs.mdcOf("checking stock")).isEqualTo(Map.of("request_id", "req-42"));
    assertThat(logs.mdcOf("stock: in stock")).isEqualTo(Map.of("request_id", "req-42"));
  }

  @Test
  void each_fork_sees_the_owners_mdc_of_its_fork_moment_not_of_its_start() throws Exception {
    ThreadFactory threads = ContextualExecutors.threadFactory(probedVirtualThreads());
    CountDownLatch ownerDone = new CountDownLatch(1); // no fork logs before the owner changed all
    try (Scope request = LogContext.bind(Map.of("request_id", "req-1", "user_id", "u-1"))) {
      try (var scope = StructuredTaskScope.open(Joiner.<Void>awaitAllSuccessfulOrThrow(),
          cf -> cf.withThreadFactory(threads))) {
        scope.fork(() -> {
          await(ownerDone);
          log.info("fork one");
        });
        MDC.put("step", "two");
        scope.fork(() -> {
          await(ownerDone);
          log.info("fork two");
        });
        MDC.remove("user_id");
        MDC.put("request_id", "req-1b");
        scope.fork(() -> {
          await(ownerDone);
          log.info("fork three");
        });
        MDC.put("step", "after the last fork");
        ownerDone.countDown();
        scope.join();
      }
    }
    assertThat(logs.mdcOf("fork one")).isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1"));
    assertThat(logs.mdcOf("fork two"))
        .isEqualTo(Map.of("request_id", "req-1", "user_id", "u-1", "step", "two"));
    assertThat(logs.mdcOf("fork three")).isEqualTo(Map.of("request_id", "req-1b", "step", "two"));
    assertThat(logs.threadOf("fork one")).isEqualTo("fork-1");
    assertThat(logs.threadOf("fork three")).isEqualTo("fork-3");
  }

  @Test
  void a_forks_changes_reach_neither_the_owner_nor_a_sibling_and_its_thread_ends_clean()
      throws Exception {
    ThreadFactory threads = ContextualExecutors.threadFactory(probedVirtualThreads());
    CountDownLatch firstWrote = new CountDownLatch(1);
    CountDownLatch secondLogged = new CountDownLatch(1);
    Map<String, String> request = Map.of("request_id", "req-2", "user_id", "u-2");
    try (Scope owner = LogContext.bind(request)) {
      try (var scope = StructuredTaskScope.open(Joiner.<Void>awaitAllSuccessfulOrThrow(),
          cf -> cf.withThreadFactory(threads))) {
        scope.fork(() -> {
          MDC.put("request_id", "req-overwritten-by-fork");
          MDC.remove("user_id");
          MDC.put("fork", "first");
          firstWrote.countDown();
          await(secondLogged);
          log.info("first fork");
        });
        scope.fork(() -> {
          await(firstWrote); // the first fork has changed its MDC by now
          log.info("second fork");
          MDC.put("fork", "second");
          secondLogged.countDown();
        });
        scope.join();
        log.info("owner after join");
      }
      assertThat(MDC.getCopyOfContextMap()).as("the owner's MDC").isEqualTo(request);
    }
    assertThat(logs.mdcOf("first fork"))
        .isEqualTo(Map.of("request_id", "req-overwritten-by-fork", "fork", "first"));
    assertThat(logs.mdcOf("second fork")).isEqualTo(request);
    assertThat(logs.mdcOf("owner after join")).isEqualTo(request);
    assertThat(endStates()).isEqualTo(Map.of("fork-1", Map.of(), "fork-2", Map.of()));
  }

  @Test
  void two_hundred_forks_each_carry_the_request_id_of_their_fork_moment() throws Exception {
    ThreadFactory threads = ContextualExecutors.threadFactory(Thread.ofVirtual().factory());
    try (var scope = StructuredTaskScope.open(Joiner.<Void>awaitAllSuccessfulOrThrow(),
        cf -> cf.withThreadFactory(threads))) {
      for (int i = 0; i < 200; i++) {
        int n = i;
        try (Scope request = LogContext.bind("request_id", "req-" + n)) {
          scope.fork(() -> log.info("fork {}", n));
        }
      }
      scope.join();
    }
    for (int i = 0; i < 200; i++) {
      assertThat(logs.mdcOf("fork " + i)).isEqualTo(Map.of("request_id", "req-" + i));
    }
  }

  @Test
  void should_not_carry_the_owners_mdc_to_a_fork_without_logctx() throws Exception {
    ThreadFactory unwrapped = probedVirtualThreads();
    try (Scope owner = LogContext.bind(Map.of("request_id", "req-3", "user_id", "u-3"))) {
      try (var scope = StructuredTaskScope.open(Joiner.<Void>awaitAllSuccessfulOrThrow(),
          cf -> cf.withThreadFactory(unwrapped))) {
        scope.fork(() -> {
          log.info("fork without logctx");
          MDC.put("left", "behind");
        });
        scope.join();
      }
    }
    assertThat(logs.mdcOf("fork without logctx")).isEmpty();
    // the end-state probe sees what a fork leaves when nothing restores its thread
    assertThat(endStates()).isEqualTo(Map.of("fork-1", Map.of("left", "behind")));
  }

  @Test
  void should_not_carry_the_owners_mdc_to_a_fork_of_the_default_scope() throws Exception {
    try (Scope owner = LogContext.bind("request_id", "req-4")) {
      try (var scope = StructuredTaskScope.open()) {
        scope.fork(() -> log.info("fork of the default scope"));
        scope.join();
      }
    }
    assertThat(logs.mdcOf("fork of the default scope")).isEmpty();
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
