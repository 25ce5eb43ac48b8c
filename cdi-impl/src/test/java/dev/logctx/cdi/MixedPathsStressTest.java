package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.ContextualExecutors;
import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Issue 7: 8 submitting threads hand 200,000 tasks (system property {@code logctx.stress.tasks}
 * raises it, e.g. to 5,000,000 for a soak run) to every async path at once, on 2-thread pools so
 * threads are reused constantly, with faults injected at random. Every task has a unique request
 * id and random extra keys. Counts: tasks run, mismatches seen inside tasks and stages, pooled
 * threads whose MDC is not empty afterwards, caller threads whose MDC changed. All must be 0.
 *
 * <p>Paths: {@code ContextualTasks} (with cancellation before start), a wrapped {@code
 * ExecutorService}, a wrapped {@code ScheduledExecutorService}, a contextual future chain with
 * sync and async stages, SmallRye {@code ManagedExecutor} with logctx's provider, a
 * {@code @PreserveContext} Fault Tolerance {@code @Asynchronous} bean in Weld, a saturated
 * bounded pool that rejects, and a caller-runs pool. Faults: tasks that throw, cancellation before
 * start, rejection, caller-runs, nested scopes inside tasks.
 */
@EnableWeld
class MixedPathsStressTest {
  private static final int CALLERS = 8;
  private static final int WINDOW = 32;
  private static final int TASKS = Integer.getInteger("logctx.stress.tasks", 200_000);

  @WeldSetup WeldInitiator weld = Containers.withDiscovery();

  private final LongAdder ran = new LongAdder();
  private final LongAdder checks = new LongAdder();
  private final AtomicInteger mismatches = new AtomicInteger();
  private final Queue<String> mismatchExamples = new ConcurrentLinkedQueue<>();

  @AfterEach
  void test_thread_mdc_is_empty() {
    assertThat(Workers.mdcLeftOnThisThread()).isEmpty();
  }

  /** The work every path runs: checks its MDC, nests a scope, scribbles, maybe fails. */
  final class Probe implements Callable<String> {
    final Map<String, String> expected;
    final boolean fail;
    final boolean nest;

    Probe(Map<String, String> expected, boolean fail, boolean nest) {
      this.expected = expected;
      this.fail = fail;
      this.nest = nest;
    }

    @Override
    public String call() {
      ran.increment();
      check("task start");
      if (nest) {
        try (Scope scope = LogContext.bind("nested", "n")) {
          Map<String, String> withNested = new HashMap<>(expected);
          withNested.put("nested", "n");
          checkEquals(withNested, "nested scope");
        }
        check("after nested scope");
      }
      MDC.put("scribble", expected.get("request_id")); // must reach nobody
      MDC.remove("request_id");
      if (fail) {
        throw new InjectedFailure();
      }
      return expected.get("request_id");
    }

    void check(String where) {
      checkEquals(expected, where);
    }

    private void checkEquals(Map<String, String> wanted, String where) {
      checks.increment();
      Map<String, String> actual = Workers.currentMdc();
      if (!wanted.equals(actual)) {
        mismatches.incrementAndGet();
        if (mismatchExamples.size() < 10) {
          mismatchExamples.add(where + " on " + Thread.currentThread().getName() + ": expected "
              + wanted + " but was " + actual);
        }
      }
    }
  }

  static final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure() {
      super("injected failure", null, false, false);
    }
  }

  private static ExecutorService pool(String name) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(2, r -> daemon(r, name + "-" + n.incrementAndGet()));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Test
  void no_mismatch_and_no_leak_over_mixed_paths_with_faults() throws Exception {
    ExecutorService pool = pool("stress-pool");
    AtomicInteger sn = new AtomicInteger();
    ScheduledExecutorService scheduled =
        Executors.newScheduledThreadPool(2, r -> daemon(r, "stress-sched-" + sn.incrementAndGet()));
    AtomicInteger bn = new AtomicInteger();
    ThreadPoolExecutor bounded = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(8), r -> daemon(r, "stress-bounded-" + bn.incrementAndGet()),
        new ThreadPoolExecutor.AbortPolicy());
    AtomicInteger cn = new AtomicInteger();
    ThreadPoolExecutor callerRunsPool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(8), r -> daemon(r, "stress-callerruns-" + cn.incrementAndGet()),
        new ThreadPoolExecutor.CallerRunsPolicy());
    ExecutorService managedPool = pool("stress-managed");
    ManagedExecutor managed =
        SmallRye.onPool(ManagedExecutor.builder(), managedPool).build();
    ExecutorService wrappedPool = ContextualExecutors.wrap(pool);
    ScheduledExecutorService wrappedScheduled = ContextualExecutors.wrap(scheduled);
    ExecutorService wrappedCallerRuns = ContextualExecutors.wrap(callerRunsPool);
    StressWork bean = weld.select(StressWork.class).get();

    LongAdder submitted = new LongAdder();
    LongAdder rejected = new LongAdder();
    LongAdder cancelled = new LongAdder();
    LongAdder failedAsInjected = new LongAdder();
    LongAdder unexpectedFailures = new LongAdder();
    LongAdder callerRan = new LongAdder();
    AtomicInteger changedCallers = new AtomicInteger();
    List<String> failures = new ArrayList<>();

    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    long started = System.nanoTime();
    List<Future<?>> callerRuns = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      callerRuns.add(callers.submit(() -> {
        SplittableRandom random = new SplittableRandom(42 + caller);
        Map<String, String> baseline = Map.of("caller", "c-" + caller);
        MDC.setContextMap(baseline);
        Queue<Object[]> pending = new ArrayDeque<>();
        int share = TASKS / CALLERS + (caller < TASKS % CALLERS ? 1 : 0);
        for (int i = 0; i < share; i++) {
          Map<String, String> expected = new HashMap<>(baseline);
          expected.put("request_id", "r-" + caller + "-" + i);
          for (int k = random.nextInt(4); k > 0; k--) {
            expected.put("extra-" + k, Integer.toString(random.nextInt(1000)));
          }
          boolean fail = random.nextInt(20) == 0;
          boolean nest = random.nextInt(4) == 0;
          Probe probe = new Probe(Map.copyOf(expected), fail, nest);
          int path = random.nextInt(8);
          submitted.increment();
          Future<?> future = null;
          try (Scope scope = LogContext.bind(expected)) {
            switch (path) {
              case 0:
                CompletableFuture<String> task =
                    ContextualTasks.createTaskWithContext(probe, "stress-task", pool);
                if (random.nextInt(20) == 0) {
                  task.cancel(false);
                }
                future = task;
                break;
              case 1:
                future = wrappedPool.submit(probe);
                break;
              case 2:
                future = wrappedScheduled.schedule(probe, random.nextInt(2), TimeUnit.MILLISECONDS);
                break;
              case 3:
                Probe quiet = new Probe(probe.expected, false, nest);
                future = ContextualTasks.createTaskWithContext(quiet, "stress-chain", pool)
                    .thenApply(v -> {
                      quiet.check("sync stage");
                      return v;
                    })
                    .thenApplyAsync(v -> {
                      quiet.check("async stage");
                      return v;
                    }, pool)
                    .thenCompose(v -> {
                      quiet.check("compose stage");
                      return CompletableFuture.completedFuture(v);
                    });
                break;
              case 4:
                future = managed.supplyAsync(probe::call);
                break;
              case 5:
                future = bean.check(probe).toCompletableFuture();
                break;
              case 6:
                future = ContextualTasks.runInExecutorWithContext(bounded, probe);
                break;
              default:
                Thread me = Thread.currentThread();
                future = wrappedCallerRuns.submit(() -> {
                  if (Thread.currentThread() == me) {
                    callerRan.increment();
                  }
                  return probe.call();
                });
                break;
            }
          } catch (RejectedExecutionException e) {
            rejected.increment();
          }
          if (!baseline.equals(Workers.currentMdc())) {
            changedCallers.incrementAndGet();
            MDC.setContextMap(baseline);
          }
          if (future != null) {
            pending.add(new Object[] {future, probe});
          }
          while (pending.size() > WINDOW || (i == share - 1 && !pending.isEmpty())) {
            Object[] next = pending.remove();
            Probe p = (Probe) next[1];
            try {
              ((Future<?>) next[0]).get(60, TimeUnit.SECONDS);
            } catch (CancellationException e) {
              cancelled.increment();
            } catch (ExecutionException e) {
              Throwable cause = e.getCause();
              while (cause != null && !(cause instanceof InjectedFailure) && cause.getCause() != null) {
                cause = cause.getCause();
              }
              if (p.fail && cause instanceof InjectedFailure) {
                failedAsInjected.increment();
              } else {
                unexpectedFailures.increment();
                synchronized (failures) {
                  if (failures.size() < 10) {
                    failures.add(String.valueOf(e.getCause()));
                  }
                }
              }
            }
          }
        }
        if (!baseline.equals(Workers.currentMdc())) {
          changedCallers.incrementAndGet();
        }
        MDC.clear();
        return null;
      }));
    }
    for (Future<?> run : callerRuns) {
      run.get(20, TimeUnit.MINUTES);
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    int leakedPoolThreads = 0;
    leakedPoolThreads += leakedThreads(pool);
    leakedPoolThreads += leakedThreads(scheduled);
    leakedPoolThreads += leakedThreads(bounded);
    leakedPoolThreads += leakedThreads(callerRunsPool);
    leakedPoolThreads += leakedThreads(managedPool);

    System.out.printf(
        "logctx stress: tasks=%d submitted=%d ran=%d checks=%d failedAsInjected=%d cancelled=%d"
            + " rejected=%d callerRuns=%d unexpectedFailures=%d mismatches=%d"
            + " leakedPoolThreads=%d changedCallers=%d elapsedMs=%d%n",
        TASKS, submitted.sum(), ran.sum(), checks.sum(), failedAsInjected.sum(), cancelled.sum(),
        rejected.sum(), callerRan.sum(), unexpectedFailures.sum(), mismatches.get(),
        leakedPoolThreads, changedCallers.get(), elapsedMs);

    for (ExecutorService e : List.of(pool, scheduled, bounded, callerRunsPool, managedPool, callers)) {
      e.shutdownNow();
    }
    managed.shutdownNow();

    assertThat(mismatchExamples).as("mismatches seen inside tasks").isEmpty();
    assertThat(mismatches.get()).isZero();
    assertThat(leakedPoolThreads).as("pooled threads whose MDC is not empty").isZero();
    assertThat(changedCallers.get()).as("caller threads whose MDC changed").isZero();
    assertThat(failures).as("failures other than the injected ones").isEmpty();
    assertThat(submitted.sum()).isEqualTo(TASKS);
    assertThat(ran.sum() + rejected.sum()).isLessThanOrEqualTo(TASKS);
    assertThat(ran.sum() + rejected.sum() + cancelled.sum()).isGreaterThanOrEqualTo(TASKS);
    assertThat(rejected.sum()).as("the saturated pool rejected some tasks").isPositive();
    assertThat(callerRan.sum()).as("the caller-runs pool ran some tasks on callers").isPositive();
    assertThat(failedAsInjected.sum()).as("injected failures surfaced").isPositive();
  }

  /** Runs one probe on each of the pool's 2 threads at once and counts non-empty MDCs. */
  private static int leakedThreads(ExecutorService pool) throws Exception {
    CyclicBarrier both = new CyclicBarrier(2);
    Callable<Map<String, String>> probe = () -> {
      both.await(30, TimeUnit.SECONDS);
      return Workers.currentMdc();
    };
    Future<Map<String, String>> a = pool.submit(probe);
    Future<Map<String, String>> b = pool.submit(probe);
    int leaked = 0;
    for (Future<Map<String, String>> f : List.of(a, b)) {
      Map<String, String> left = f.get(60, TimeUnit.SECONDS);
      if (!left.isEmpty()) {
        System.out.println("logctx stress: leaked on a pool thread: " + left);
        leaked++;
      }
    }
    return leaked;
  }
}
