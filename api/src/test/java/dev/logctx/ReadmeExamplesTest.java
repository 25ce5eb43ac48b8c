package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The README's Java snippets, compiled and run here. Each snippet sits between {@code // readme:}
 * markers; {@link #every_java_snippet_in_the_readme_is_one_of_these()} fails when the README shows
 * code that is not here (or, for JDK 25's structured concurrency, in {@code StructuredConcurrencyTest}
 * of {@code src/test-jdk25/java}), so the README cannot drift from what compiles and works.
 */
class ReadmeExamplesTest {
  private static final Logger log = LoggerFactory.getLogger(ReadmeExamplesTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void cleanup() throws InterruptedException {
    Mdc.shutdown(executor);
    Mdc.assertTestThreadClean();
  }

  private static void backgroundWork() {
    log.info("background task");
  }

  private static void syncWork() {
    log.info("sync work in thread");
  }

  private static String processItem(String itemId, int priority) {
    log.info("processing {} at priority {}", itemId, priority);
    return "done";
  }

  @Test
  void thirty_second_example() throws Exception {
    // readme:start quick
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      log.info("main task");
      CompletableFuture<Void> task =
          ContextualTasks.createTaskWithContext(() -> log.info("background task"));
      task.join(); // the background line carries request_id=req-123
    }
    // readme:end
    assertThat(logs.line("background task").mdc()).containsEntry("request_id", "req-123");
  }

  @Test
  void create_task_with_context() throws Exception {
    // readme:start create-task
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      // Without the helper: a pooled thread runs it with whatever MDC it has
      CompletableFuture<Void> task1 = CompletableFuture.runAsync(() -> backgroundWork(), executor);
      // With the helper: the task runs in a copy of the caller's context
      CompletableFuture<Void> task2 =
          ContextualTasks.createTaskWithContext(() -> backgroundWork(), "process-order-123");
      CompletableFuture.allOf(task1, task2).join();
    }
    // readme:end
    assertThat(logs.withMessage("background task")).hasSize(2);
    assertThat(logs.withMessage("background task"))
        .filteredOn(line -> line.thread().equals("process-order-123"))
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).containsEntry("request_id", "req-123"));
    assertThat(logs.withMessage("background task"))
        .filteredOn(line -> !line.thread().equals("process-order-123"))
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).doesNotContainKey("request_id"));
  }

  @Test
  void run_in_executor_with_context() throws Exception {
    // readme:start run-in-executor
    try (Scope scope = LogContext.bind("request_id", "req-456")) {
      // Context preserved in the executor thread
      ContextualTasks.runInExecutorWithContext(executor, () -> syncWork()).join();
      // Also works with the default executor (null)
      ContextualTasks.runInExecutorWithContext(null, () -> syncWork()).join();
      // Passing arguments
      String result =
          ContextualTasks.runInExecutorWithContext(
                  executor, ReadmeExamplesTest::processItem, "item-123", 1)
              .join();
    }
    // readme:end
    assertThat(logs.withMessage("sync work in thread"))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line.mdc()).containsEntry("request_id", "req-456"));
    assertThat(logs.line("processing item-123 at priority 1").mdc())
        .containsEntry("request_id", "req-456");
  }

  @Test
  void isolation() throws Exception {
    // readme:start isolation
    try (Scope scope = LogContext.bind("request_id", "parent-value")) {
      ContextualTasks.createTaskWithContext(() -> MDC.put("request_id", "child-override")).join();
      assert "parent-value".equals(MDC.get("request_id")); // the parent still sees its own value
    }
    // readme:end
    assertThat(Mdc.now()).isEmpty();
  }

  @Test
  void snapshot_and_wrap() throws Exception {
    Runnable task = () -> log.info("wrapped task");
    Scope request = LogContext.bind(Map.of("request_id", "req-snap", "user_id", "u-7"));
    // readme:start snapshot
    LogContext context = LogContext.current(); // capture where the work is handed over
    executor.execute(context.wrap(task)); // run it anywhere, any time, in that context
    CompletableFuture<String> id =
        CompletableFuture.supplyAsync(context.wrapSupplier(() -> MDC.get("request_id")), executor);
    try (Scope scope = context.attach()) { // or attach it yourself; close restores
      log.info("in the captured context");
    }
    // readme:end
    request.close();
    assertThat(id.get(10, TimeUnit.SECONDS)).isEqualTo("req-snap");
    CompletableFuture.runAsync(() -> {}, executor).get(10, TimeUnit.SECONDS);
    executor.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    Map<String, String> captured = Map.of("request_id", "req-snap", "user_id", "u-7");
    assertThat(logs.line("wrapped task").mdc()).isEqualTo(captured);
    assertThat(logs.line("wrapped task").thread()).isNotEqualTo(Thread.currentThread().getName());
    assertThat(logs.line("in the captured context").mdc()).isEqualTo(captured);
  }

  @Test
  void wrapped_executor() throws Exception {
    // readme:start executors
    ExecutorService pool = ContextualExecutors.wrap(Executors.newFixedThreadPool(4));
    try (Scope scope = LogContext.bind("request_id", "req-789")) {
      pool.submit(() -> log.info("carries the submitter's request_id"));
    }
    // readme:end
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(logs.line("carries the submitter's request_id").mdc())
        .isEqualTo(Map.of("request_id", "req-789"));
  }

  @Test
  void contextual_future_stages() throws Exception {
    // readme:start stages
    try (Scope scope = LogContext.bind("request_id", "req-1")) {
      ContextualTasks.createTaskWithContext(() -> 42)
          .thenApplyAsync(n -> n + 1, executor) // runs with request_id=req-1
          .whenComplete((n, e) -> log.info("got {}", n)) // so does this, on any thread
          .join();
    }
    // readme:end
    assertThat(logs.line("got 43").mdc()).containsEntry("request_id", "req-1");
  }

  /** A client whose futures complete on its own I/O thread, as an HTTP client's do. */
  private static final class StockClient {
    private final ExecutorService io;

    StockClient(ExecutorService io) {
      this.io = io;
    }

    CompletableFuture<Integer> fetch(String what) {
      return CompletableFuture.supplyAsync(() -> 7, io);
    }
  }

  @Test
  void with_context_capture() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "client-io"));
    io.submit(() -> MDC.put("request_id", "stale-on-io")).get(10, TimeUnit.SECONDS);
    StockClient client = new StockClient(io);
    try {
      // readme:start with-context-capture
      try (Scope scope = LogContext.bind("request_id", "req-2")) {
        ContextualTasks.withContextCapture(client.fetch("stock"))
            .thenAccept(stock -> log.info("stock {}", stock)) // request_id=req-2, on any thread
            .join();
      }
      // readme:end
    } finally {
      Mdc.shutdown(io);
    }
    assertThat(logs.line("stock 7").mdc()).isEqualTo(Map.of("request_id", "req-2"));
  }

  // --- the check that keeps README.md honest ---------------------------------------------------

  private static final Pattern README_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern MARKED =
      Pattern.compile("// readme:start (\\S+)\\n(.*?)// readme:end", Pattern.DOTALL);

  @Test
  void every_java_snippet_in_the_readme_is_one_of_these() throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> compiled = new ArrayList<>();
    for (Path source : List.of(
        Path.of("src/test/java/dev/logctx/ReadmeExamplesTest.java"),
        // JDK 25's preview API, compiled and run on JDK 25 (the profile structured-concurrency-jdk25)
        Path.of("src/test-jdk25/java/dev/logctx/StructuredConcurrencyTest.java"))) {
      Matcher marked = MARKED.matcher(Files.readString(source));
      while (marked.find()) {
        compiled.add(normalise(marked.group(2)));
      }
    }
    assertThat(compiled).hasSizeGreaterThanOrEqualTo(7);
    Matcher blocks = README_BLOCK.matcher(Files.readString(readme));
    List<String> shown = new ArrayList<>();
    while (blocks.find()) {
      if (!blocks.group(1).contains("@PreserveContext")) { // compiled in cdi-impl: docs/cdi.md
        shown.add(normalise(blocks.group(1)));
      }
    }
    assertThat(shown).as("java snippets in README.md").isNotEmpty();
    assertThat(compiled).as("snippets compiled in ReadmeExamplesTest").containsAll(shown);
  }

  private static String normalise(String code) {
    StringBuilder out = new StringBuilder();
    for (String line : code.split("\\n")) {
      if (!line.isBlank()) {
        out.append(line.strip()).append('\n');
      }
    }
    return out.toString();
  }
}
