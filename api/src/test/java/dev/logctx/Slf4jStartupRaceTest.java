package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SLF4J's start-up race, reproduced: one thread is in the middle of SLF4J's initialisation (its
 * provider is being created: {@link SlowStartingLogbackProvider}) while a request thread uses
 * logctx for the first time. SLF4J 2 hands such a thread a temporary MDC adapter that the logging
 * backend never reads; an MDC access resolved then would write every later request id where no
 * log line sees it. logctx finishes SLF4J's initialisation (waiting for the thread that runs it)
 * before it resolves the adapter, so the request's lines carry their ids.
 *
 * <p>Runs in a JVM of its own where nothing touched SLF4J before (surefire execution {@code
 * slf4j-startup-race} in api/pom.xml, which sets {@code -Dslf4j.provider}). Deterministic: the
 * initialisation is held, bounded, until the request thread is either blocked inside logctx's
 * adapter resolution or has finished its first logctx call.
 */
class Slf4jStartupRaceTest {
  private static final int ROUNDS = 20;
  private static final CountDownLatch initialisationStarted = new CountDownLatch(1);
  private static final CountDownLatch firstLogctxCallDone = new CountDownLatch(1);
  private static volatile Thread requestThread;
  private static volatile boolean heldUntilRequestThreadWasIn;

  /** Called by the provider's constructor, on the thread that initialises SLF4J. */
  static void holdInitialisationUntilTheRequestThreadIsIn() {
    initialisationStarted.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (firstLogctxCallDone.getCount() == 0 || waitsInLogctxForSlf4j(requestThread)) {
        heldUntilRequestThreadWasIn = true;
        return;
      }
      Thread.yield();
    }
  }

  private static boolean waitsInLogctxForSlf4j(Thread thread) {
    if (thread == null || thread.getState() != Thread.State.BLOCKED) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.logctx.MdcAccess")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void a_request_thread_that_uses_logctx_while_slf4j_initialises_keeps_its_ids_in_the_log()
      throws Exception {
    CountDownLatch initialised = new CountDownLatch(1);
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      expected.add("req-" + round);
    }
    CompletableFuture<List<String>> request = new CompletableFuture<>();
    requestThread =
        new Thread(
            () -> {
              try {
                initialisationStarted.await(30, TimeUnit.SECONDS);
                // the first logctx call of this JVM, while SLF4J initialises on the test thread
                Scope first = LogContext.bind("request_id", "req-0");
                firstLogctxCallDone.countDown();
                initialised.await(30, TimeUnit.SECONDS);
                org.slf4j.Logger log = LoggerFactory.getLogger("request");
                List<String> seen = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                  Scope scope = round == 0 ? first : LogContext.bind("request_id", "req-" + round);
                  try {
                    log.info("request line");
                    ContextualTasks.createTaskWithContext(() -> log.info("task line")).join();
                    seen.add(LogContext.current().get("request_id"));
                  } finally {
                    scope.close();
                  }
                }
                request.complete(seen);
              } catch (Throwable e) {
                request.completeExceptionally(e);
              }
            },
            "request-thread");
    requestThread.start();

    LoggerFactory.getILoggerFactory(); // starts SLF4J's initialisation on this thread
    CapturedLog logs = CapturedLog.ofRootLogger().install();
    Logger requestLogger = (Logger) LoggerFactory.getLogger("request");
    requestLogger.setLevel(ch.qos.logback.classic.Level.INFO);
    initialised.countDown();

    List<String> seenByLogctx = request.get(60, TimeUnit.SECONDS);
    logs.close();

    assertThat(heldUntilRequestThreadWasIn)
        .as("the request thread made its first logctx call while SLF4J was initialising")
        .isTrue();
    assertThat(seenByLogctx).isEqualTo(expected);
    List<String> idsInTheLog = new ArrayList<>();
    for (CapturedLog.Line line : logs.lines()) {
      idsInTheLog.add(line.requestId());
    }
    System.out.printf(
        "slf4j start-up race: %d log lines, ids %s%n", logs.lines().size(), idsInTheLog);
    List<String> twice = new ArrayList<>();
    for (String id : expected) {
      twice.add(id);
      twice.add(id);
    }
    assertThat(idsInTheLog)
        .as("request_id of each request line and task line, as logback wrote them")
        .isEqualTo(twice);
  }
}
