package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.TaskIsolation;
import dev.logctx.testsupport.CapturedLog;
import dev.logctx.testsupport.RedefiningClassLoader;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each part of the jar works with only its own framework on the class path: the classes of
 * logctx-cdi are loaded again by a class loader that hides the other frameworks' packages, and used
 * there. Loading a class of a hidden framework fails, which shows the hiding is real.
 */
class FrameworkIndependenceTest {
  private static final Logger log = LoggerFactory.getLogger(FrameworkIndependenceTest.class);

  private static final String MP_CONTEXT_PROPAGATION = "org.eclipse.microprofile.context.";
  private static final String JAKARTA_CONCURRENCY = "jakarta.enterprise.concurrent.";
  private static final List<String> CDI =
      List.of(
          "jakarta.enterprise.inject.",
          "jakarta.enterprise.context.",
          "jakarta.enterprise.event.",
          "jakarta.enterprise.util.",
          "jakarta.interceptor.",
          "jakarta.annotation.",
          "jakarta.inject.");

  private CapturedLog logs;

  @BeforeEach
  void capture_logs() {
    logs = CapturedLog.ofLoggers("dev.logctx").install();
  }

  @AfterEach
  void leave_the_test_thread_mdc_empty() {
    logs.close();
    assertThat(Workers.mdcLeftOnThisThread()).as("test thread MDC after the test").isEmpty();
  }

  @Test
  void should_serve_PreserveContext_with_only_CDI_on_the_class_path() throws Exception {
    ClassLoader cdiOnly = new HidingClassLoader(List.of(MP_CONTEXT_PROPAGATION, JAKARTA_CONCURRENCY));
    Object outer = newInstance(cdiOnly, "dev.logctx.cdi.PreserveContextCallSiteInterceptor");
    Object inner = newInstance(cdiOnly, "dev.logctx.cdi.PreserveContextBodyInterceptor");
    Method business = FrameworkIndependenceTest.class.getDeclaredMethod("business");
    Map<String, Object> contextData = new HashMap<>();
    Object result;

    Scope request = LogContext.bind("request_id", "req-1");
    try {
      InvocationContext body = invocation(business, contextData, () -> business());
      InvocationContext call =
          invocation(business, contextData, () -> aroundInvoke(inner, body));
      result = aroundInvoke(outer, call);
    } finally {
      request.close();
    }

    assertThat(logs.mdcOf("business method")).containsExactly(entry("request_id", "req-1"));
    assertThat(result).isInstanceOf(CompletableFuture.class);
    assertThatThrownBy(() -> Class.forName("dev.logctx.cdi.LogContextProvider", true, cdiOnly))
        .as("control: MicroProfile Context Propagation is really hidden")
        .isInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void should_provide_MicroProfile_context_with_only_its_api_on_the_class_path() throws Exception {
    List<String> hidden = new ArrayList<>(CDI);
    hidden.add(JAKARTA_CONCURRENCY);
    ClassLoader mpOnly = new HidingClassLoader(hidden);
    org.eclipse.microprofile.context.spi.ThreadContextProvider provider =
        (org.eclipse.microprofile.context.spi.ThreadContextProvider)
            newInstance(mpOnly, "dev.logctx.cdi.LogContextProvider");

    runCaptured(
        () -> provider.currentContext(Map.of()),
        snapshot -> snapshot.begin()::endContext,
        "MicroProfile only");

    assertThat(logs.mdcOf("MicroProfile only")).containsExactly(entry("request_id", "req-1"));
    assertThatThrownBy(() -> Class.forName("dev.logctx.cdi.JakartaLogContextProvider", true, mpOnly))
        .as("control: Jakarta Concurrency is really hidden")
        .isInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void should_provide_Jakarta_context_with_only_its_api_on_the_class_path() throws Exception {
    List<String> hidden = new ArrayList<>(CDI);
    hidden.add(MP_CONTEXT_PROPAGATION);
    ClassLoader jakartaOnly = new HidingClassLoader(hidden);
    jakarta.enterprise.concurrent.spi.ThreadContextProvider provider =
        (jakarta.enterprise.concurrent.spi.ThreadContextProvider)
            newInstance(jakartaOnly, "dev.logctx.cdi.JakartaLogContextProvider");

    runCaptured(
        () -> provider.currentContext(Map.of()),
        snapshot -> snapshot.begin()::endContext,
        "Jakarta only");

    assertThat(logs.mdcOf("Jakarta only")).containsExactly(entry("request_id", "req-1"));
    assertThatThrownBy(() -> Class.forName("dev.logctx.cdi.LogContextProvider", true, jakartaOnly))
        .as("control: MicroProfile Context Propagation is really hidden")
        .isInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void should_skip_the_vertx_task_isolation_without_vertx_on_the_class_path() {
    ClassLoader noVertx = new HidingClassLoader(List.of("io.vertx.", "io.smallrye.common.vertx."));
    assertThat(TaskIsolation.firstUsable(noVertx)).as("without Vert.x").isNull();
    assertThat(TaskIsolation.firstUsable(new HidingClassLoader(List.of())))
        .as("control: the same look-up with Vert.x visible")
        .isNotNull()
        .extracting(provider -> provider.getClass().getName())
        .isEqualTo("dev.logctx.cdi.internal.VertxTaskIsolation");
  }

  @Test
  void should_add_no_fault_tolerance_decorator_without_fault_tolerance_on_the_class_path()
      throws Exception {
    List<String> added = addedByFaultToleranceExtension(List.of("io.smallrye.faulttolerance."));

    assertThat(added).as("without Fault Tolerance").isEmpty();
    assertThat(addedByFaultToleranceExtension(List.of()))
        .as("control: the same extension with Fault Tolerance visible")
        .containsExactly("dev.logctx.cdi.internal.FaultToleranceExecutorDecorator");
  }

  /** The types logctx's Fault Tolerance extension adds before bean discovery, by class name. */
  private static List<String> addedByFaultToleranceExtension(List<String> hidden)
      throws Exception {
    ClassLoader loader = new HidingClassLoader(hidden);
    Object extension = newInstance(loader, "dev.logctx.cdi.internal.FaultToleranceExtension");
    List<String> added = new ArrayList<>();
    jakarta.enterprise.inject.spi.BeforeBeanDiscovery event =
        (jakarta.enterprise.inject.spi.BeforeBeanDiscovery)
            Proxy.newProxyInstance(
                FrameworkIndependenceTest.class.getClassLoader(),
                new Class<?>[] {jakarta.enterprise.inject.spi.BeforeBeanDiscovery.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("addAnnotatedType") && args[0] instanceof Class) {
                    added.add(((Class<?>) args[0]).getName());
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    Method observer =
        extension
            .getClass()
            .getDeclaredMethod(
                "addExecutorDecorator", jakarta.enterprise.inject.spi.BeforeBeanDiscovery.class);
    observer.setAccessible(true);
    observer.invoke(extension, event);
    return added;
  }

  /** Captures in req-1, then begins and ends on the same thread in another MDC. */
  private static <S> void runCaptured(
      Supplier<S> capture, Function<S, Runnable> begin,
      String line) {
    S snapshot;
    Scope request = LogContext.bind("request_id", "req-1");
    try {
      snapshot = capture.get();
    } finally {
      request.close();
    }
    Runnable end = begin.apply(snapshot);
    try {
      log.info(line);
    } finally {
      end.run();
    }
  }

  /** The intercepted method: it returns a stage, so the outer interceptor wraps it. */
  static CompletionStage<String> business() {
    log.info("business method");
    return CompletableFuture.completedFuture("done");
  }

  private interface Proceed {
    Object proceed() throws Exception;
  }

  private static InvocationContext invocation(
      Method method, Map<String, Object> contextData, Proceed proceed) {
    return (InvocationContext)
        Proxy.newProxyInstance(
            FrameworkIndependenceTest.class.getClassLoader(),
            new Class<?>[] {InvocationContext.class},
            (proxy, called, args) -> {
              switch (called.getName()) {
                case "getMethod":
                  return method;
                case "getContextData":
                  return contextData;
                case "proceed":
                  return proceed.proceed();
                default:
                  throw new UnsupportedOperationException(called.getName());
              }
            });
  }

  private static Object aroundInvoke(Object interceptor, InvocationContext invocation)
      throws Exception {
    for (Method method : interceptor.getClass().getMethods()) {
      if (method.isAnnotationPresent(jakarta.interceptor.AroundInvoke.class)) {
        return method.invoke(interceptor, invocation);
      }
    }
    throw new AssertionError("no @AroundInvoke method on " + interceptor.getClass());
  }

  private static Object newInstance(ClassLoader loader, String className) throws Exception {
    Class<?> type = Class.forName(className, true, loader);
    assertThat(type.getClassLoader()).as("loaded again, by the hiding loader").isSameAs(loader);
    return type.getConstructor().newInstance();
  }

  /**
   * Defines the classes of {@code dev.logctx.cdi} itself (so their references resolve through it),
   * hides the given packages, and leaves everything else to the test class path.
   */
  private static final class HidingClassLoader extends RedefiningClassLoader {
    HidingClassLoader(List<String> hiddenPrefixes) {
      super(
          FrameworkIndependenceTest.class.getClassLoader(),
          name -> name.startsWith("dev.logctx.cdi."),
          name -> hiddenPrefixes.stream().anyMatch(name::startsWith));
    }
  }
}
