package dev.logctx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.internal.SharedMdcAdapter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

/**
 * A benchmark that carries nothing would be a lie: every {@code @Benchmark} method of every
 * scenario is called here as JMH calls it (setup, several operations, teardown), and its work body
 * must see the request's MDC, first and last key, at every size. The floor (a) is the negative
 * control: on another thread its body sees nothing. The teardowns check isolation: the request
 * thread keeps exactly its MDC and a pooled thread is left with none.
 */
class ContendersCarryTheMdcTest {

  private static final List<Class<?>> SCENARIOS =
      List.of(
          SameThreadBenchmark.class,
          HandoffBenchmark.class,
          CallerSideBenchmark.class,
          WorkerSideBenchmark.class);

  /**
   * The contender measured with logctx-logback's provider, each in a class whose forks switch it
   * on. Checked in the surefire execution "with-logctx-logback", which switches it on too.
   */
  private static final List<Class<?>> LOGCTX_LOGBACK_SCENARIOS =
      List.of(
          HandoffLogctxLogbackBenchmark.class,
          CallerSideLogctxLogbackBenchmark.class,
          WorkerSideLogctxLogbackBenchmark.class);

  /**
   * The contender measured with logctx-opentelemetry's carrier, each in a class whose forks switch
   * it on. Checked here whenever the carrier is on: in these tests the module's services files are
   * on the class path (benchmarks.jar leaves them out).
   */
  private static final List<Class<?>> LOGCTX_OTEL_SCENARIOS =
      List.of(
          HandoffLogctxOtelBenchmark.class,
          CallerSideLogctxOtelBenchmark.class,
          WorkerSideLogctxOtelBenchmark.class);

  private static final int[] SIZES = {0, 1, 5, 20, 50};

  /** Operations per check: tasks are reused and pooled threads run task after task. */
  private static final int OPERATIONS = 3;

  @AfterEach
  void the_test_thread_is_left_with_an_empty_mdc() {
    Map<String, String> left = MDC.getCopyOfContextMap();
    assertThat(left == null || left.isEmpty()).as("MDC left on the test thread: %s", left).isTrue();
  }

  @TestFactory
  Stream<DynamicTest> every_contender_carries_the_request_mdc_to_the_work_body() {
    List<DynamicTest> tests = new ArrayList<>();
    List<Class<?>> scenarios = new ArrayList<>(SCENARIOS);
    if (MDC.getMDCAdapter() instanceof SharedMdcAdapter) {
      scenarios.addAll(LOGCTX_LOGBACK_SCENARIOS);
    }
    if (dev.logctx.internal.ContextCarriers.CARRIER != null) {
      scenarios.addAll(LOGCTX_OTEL_SCENARIOS);
    }
    for (Class<?> scenario : scenarios) {
      for (Method benchmark : benchmarks(scenario)) {
        for (int size : SIZES) {
          boolean negativeControl = isNegativeControl(scenario, benchmark);
          String name =
              scenario.getSimpleName()
                  + "."
                  + benchmark.getName()
                  + " size="
                  + size
                  + (negativeControl ? " should_not_carry (floor, negative control)" : " carries");
          tests.add(DynamicTest.dynamicTest(name, () -> check(scenario, benchmark, size, negativeControl)));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void every_scenario_has_the_contenders_of_the_table() {
    for (Class<?> scenario : SCENARIOS) {
      List<String> names = new ArrayList<>();
      for (Method benchmark : benchmarks(scenario)) {
        names.add(benchmark.getName());
      }
      assertThat(names)
          .contains("none", "handWritten", "logctxWrap", "smallRye", "micrometer", "ttl", "otel");
      assertThat(ResultTable.BASELINE).isIn(names);
    }
  }

  @Test
  void the_checks_should_not_let_a_leak_pass() {
    MDC.put("left", "behind");
    assertThatThrownBy(() -> MdcFixture.requireCleanWorker("test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kept an MDC");
    MdcFixture.enterRequest(5);
    MDC.remove("k3");
    assertThatThrownBy(() -> MdcFixture.leaveRequest(5, "test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MDC changed");
    MDC.clear();
  }

  /** The floor hands the task over as it is: on another thread its body must see no MDC. */
  private static boolean isNegativeControl(Class<?> scenario, Method benchmark) {
    return benchmark.getName().equals("none") && scenario != SameThreadBenchmark.class;
  }

  private static void check(Class<?> scenario, Method benchmark, int size, boolean negativeControl)
      throws Exception {
    Object state = scenario.getConstructor().newInstance();
    scenario.getField("size").setInt(state, size);
    Probe probe = probe(state, benchmark.getName());
    ExecutorService pooled = Executors.newSingleThreadExecutor();
    try {
      invoke(state, lifecycle(scenario, Setup.class, Level.Trial));
      invoke(state, lifecycle(scenario, Setup.class, Level.Iteration));
      for (String key : List.of(MdcFixture.FIRST_KEY, MdcFixture.lastKey(size))) {
        probe.readKey(key);
        for (int i = 0; i < OPERATIONS; i++) {
          @Nullable String seen = operate(state, benchmark, probe, pooled);
          assertThat(seen)
              .as("%s.%s, size %d, key %s, operation %d", scenario.getSimpleName(), benchmark.getName(), size, key, i)
              .isEqualTo(negativeControl ? null : MdcFixture.expected(size, key));
        }
      }
      // Throws when the request thread's MDC changed or a pooled thread kept one.
      invoke(state, lifecycle(scenario, TearDown.class, Level.Iteration));
      pooled.submit(() -> MdcFixture.requireCleanWorker("the test's pooled thread")).get();
    } finally {
      invoke(state, lifecycle(scenario, TearDown.class, Level.Trial));
      pooled.shutdown();
      assertThat(pooled.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      MDC.clear();
    }
  }

  /**
   * One operation as JMH runs it, and what the work body saw. A caller-side operation only wraps:
   * its task is then run on a pooled thread, as the executor would.
   */
  private static @Nullable String operate(Object state, Method benchmark, Probe probe, ExecutorService pooled)
      throws Exception {
    Object result = invoke(state, benchmark);
    if (result instanceof Runnable) { // a caller-side operation
      assertThat(result).isInstanceOf(Runnable.class);
      pooled.submit((Runnable) result).get();
      return probe.take();
    }
    assertThat(result == null || result instanceof String).isTrue();
    return (String) result;
  }

  private static Probe probe(Object state, String contender) throws ReflectiveOperationException {
    return (Probe) field(state, contender.equals("otel") ? "otelProbe" : "probe");
  }

  private static Object field(Object state, String name) throws ReflectiveOperationException {
    Field field = state.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(state);
  }

  private static List<Method> benchmarks(Class<?> scenario) {
    List<Method> methods = new ArrayList<>();
    for (Method method : scenario.getMethods()) {
      if (method.isAnnotationPresent(Benchmark.class)) {
        methods.add(method);
      }
    }
    methods.sort(Comparator.comparing(Method::getName));
    return methods;
  }

  private static List<Method> lifecycle(Class<?> scenario, Class<?> annotation, Level level) {
    List<Method> methods = new ArrayList<>();
    for (Method method : scenario.getMethods()) {
      Level declared = null;
      if (annotation == Setup.class && method.isAnnotationPresent(Setup.class)) {
        declared = method.getAnnotation(Setup.class).value();
      } else if (annotation == TearDown.class && method.isAnnotationPresent(TearDown.class)) {
        declared = method.getAnnotation(TearDown.class).value();
      }
      if (declared == level) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static void invoke(Object state, List<Method> methods) throws Exception {
    for (Method method : methods) {
      invoke(state, method);
    }
  }

  private static @Nullable Object invoke(Object state, Method method) throws Exception {
    try {
      return method.invoke(state);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw e;
    }
  }
}
