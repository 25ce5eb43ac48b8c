package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md rule 8 (issue 8): logctx is the very first MDC user of a fresh JVM, from 8 threads at
 * once. SLF4J 2 hands a temporary MDC adapter to threads that reach the MDC while the backend
 * initialises; whatever they bind there is lost. logctx finishes SLF4J's initialisation before
 * its first MDC access, so every bound id survives.
 *
 * <p>Runs in a JVM of its own (surefire execution {@code slf4j-startup-race} in api/pom.xml):
 * nothing in this class touches SLF4J before the barrier releases the threads.
 */
class Slf4jStartupRaceTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 50;

  @Test
  void every_thread_keeps_its_request_id_when_logctx_is_the_first_mdc_user() throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String prefix = "req-" + t + "-";
        results.add(requests.submit(() -> {
          List<String> misses = new ArrayList<>();
          start.await(30, TimeUnit.SECONDS);
          for (int round = 0; round < ROUNDS; round++) {
            String id = prefix + round;
            try (Scope scope = LogContext.bind("request_id", id)) {
              String seenByTask = ContextualTasks
                  .createTaskWithContext(() -> LogContext.current().get("request_id"))
                  .get(30, TimeUnit.SECONDS);
              String seenByCaller = LogContext.current().get("request_id");
              if (!id.equals(seenByTask)) {
                misses.add("task of " + id + " saw " + seenByTask);
              }
              if (!id.equals(seenByCaller)) {
                misses.add("caller " + id + " saw " + seenByCaller);
              }
            }
            if (!LogContext.current().isEmpty()) {
              misses.add("caller " + id + " kept " + LogContext.current());
            }
          }
          return misses;
        }));
      }
      List<String> misses = new ArrayList<>();
      for (Future<List<String>> result : results) {
        misses.addAll(result.get(120, TimeUnit.SECONDS));
      }
      System.out.printf(
          "slf4j start-up race: %d threads x %d rounds, %d misses%n", THREADS, ROUNDS, misses.size());
      assertThat(misses).as("lookups that lost their request_id").isEmpty();
    } finally {
      requests.shutdownNow();
    }
  }
}
