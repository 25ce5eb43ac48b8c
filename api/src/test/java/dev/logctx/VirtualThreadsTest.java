package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Java 21+ (CI runs it on Temurin 25): virtual threads keep and isolate the context. */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest {
  private static final Logger log = LoggerFactory.getLogger(VirtualThreadsTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private ExecutorService virtualThreads;

  @BeforeEach
  void virtual_thread_per_task_executor() throws Exception {
    virtualThreads = (ExecutorService)
        Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  @AfterEach
  void cleanup() throws Exception {
    Mdc.shutdown(virtualThreads);
    Mdc.assertTestThreadClean();
  }

  @Test
  void tasks_on_virtual_threads_keep_their_own_request_id() throws Exception {
    ExecutorService pool = ContextualExecutors.wrap(virtualThreads);
    List<CompletableFuture<String>> seen = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      try (Scope scope = LogContext.bind("request_id", "req-" + i)) {
        seen.add(ContextualTasks.runInExecutorWithContext(pool, () -> MDC.get("request_id")));
        pool.submit(() -> log.info("virtual"));
      }
    }
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("req-" + i);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(logs.withMessage("virtual")).hasSize(1_000)
        .allSatisfy(line -> assertThat(line.mdc()).containsKey("request_id"));
    assertThat(logs.withMessage("virtual").stream().map(line -> line.mdc().get("request_id"))
        .distinct().count()).isEqualTo(1_000);
  }

  @Test
  void a_structured_fan_out_gives_each_child_a_copy_and_leaves_the_parent_unchanged()
      throws Exception {
    CompletableFuture<Map<String, String>> parent =
        ContextualTasks.runInExecutorWithContext(virtualThreads, () -> {
          try (Scope scope = LogContext.bind(Map.of("request_id", "req-fan", "user_id", "u-1"))) {
            List<CompletableFuture<Void>> children = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
              int child = i;
              children.add(ContextualTasks.createTaskWithContext(() -> {
                MDC.put("child", "c-" + child); // each child scribbles on its own copy
                MDC.remove("user_id");
                log.info("child {}", child);
              }, "fan-out-" + i, virtualThreads));
            }
            CompletableFuture.allOf(children.toArray(new CompletableFuture<?>[0]))
                .get(30, TimeUnit.SECONDS);
            return Mdc.now();
          }
        });
    assertThat(parent.get(30, TimeUnit.SECONDS))
        .isEqualTo(Map.of("request_id", "req-fan", "user_id", "u-1"));
    for (int i = 0; i < 50; i++) {
      CapturedLog.Line line = logs.line("child " + i);
      assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-fan", "child", "c-" + i));
      assertThat(line.thread()).isEqualTo("fan-out-" + i);
    }
  }

  @Test
  void should_not_carry_the_context_to_a_virtual_thread_without_logctx() throws Exception {
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      assertThat(virtualThreads.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS))
          .isNull();
    }
  }
}
