package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Semantics rule 1: one snapshot, many threads at once, any number of times. */
class SharedSnapshotTest {
  private static final int THREADS = 8;
  private static final int RUNS = 10_000;

  @AfterEach
  void test_thread_mdc_is_empty() {
    Mdc.assertTestThreadClean();
  }

  @Test
  void the_same_snapshot_used_by_8_threads_10000_times_each_never_mismatches() throws Exception {
    LogContext shared = LogContext.of(Map.of("request_id", "req-shared", "user_id", "u-1"));
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String own = "thread-" + t;
        mismatches.add(threads.submit(() -> {
          MDC.put("own", own); // each thread has its own state to get back
          start.await(10, TimeUnit.SECONDS);
          int bad = 0;
          Runnable check = shared.wrap(() -> {
            MDC.put("request_id", "changed-" + own); // tasks scribble on their copy
          });
          for (int i = 0; i < RUNS; i++) {
            try (Scope scope = shared.attach()) {
              if (!"req-shared".equals(MDC.get("request_id")) || MDC.get("own") != null
                  || !"u-1".equals(MDC.get("user_id"))) {
                bad++;
              }
              MDC.remove("user_id");
            }
            check.run();
            if (!own.equals(MDC.get("own")) || MDC.get("request_id") != null) {
              bad++;
            }
          }
          MDC.clear();
          return bad;
        }));
      }
      int total = 0;
      for (Future<Integer> f : mismatches) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).as("mismatches over %d uses", THREADS * RUNS * 2).isZero();
      assertThat(shared.asMap()).isEqualTo(Map.of("request_id", "req-shared", "user_id", "u-1"));
    } finally {
      Mdc.shutdown(threads);
    }
  }
}
