package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which of Micronaut's own propagation pieces this run of the suite has, as its surefire execution
 * says: Micronaut's {@code micronaut-context-propagation} (absent in the execution {@code
 * suite-without-micronaut-context-propagation}), and Reactor's automatic context propagation,
 * which micronaut-reactor switches on when Micrometer context-propagation is on the class path
 * (execution {@code suite-with-reactor-automatic-context-propagation}), with logctx-micrometer's
 * accessor registered there too or not (execution {@code
 * suite-with-reactor-automatic-context-propagation-and-logctx-micrometer}).
 */
class ReactorPropagationOfThisRunTest {
  private static boolean expected(String property, boolean otherwise) {
    String value = System.getProperty(property);
    return value == null ? otherwise : Boolean.parseBoolean(value);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ReactorPropagationOfThisRunTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void micronaut_context_propagation_is_on_the_class_path_as_this_run_says() {
    assertThat(present("io.micronaut.context.propagation.slf4j.MdcPropagationContext"))
        .isEqualTo(expected("logctx.expected.micronaut.context.propagation", true));
  }

  @Test
  void reactor_automatic_context_propagation_is_on_as_this_run_says() throws Exception {
    boolean automatic = expected("logctx.expected.reactor.automatic.context.propagation", false);
    assertThat(present("io.micrometer.context.ContextRegistry")).isEqualTo(automatic);
    try (ApplicationContext context = ApplicationContext.run()) {
      // the bean of micronaut-reactor that switches Reactor's automatic context propagation on
      // (Hooks.enableAutomaticContextPropagation); its class loads only with Micrometer
      if (automatic) {
        assertThat(context.containsBean(reactorBean("ReactorAutomaticContextPropagation"))).isTrue();
      }
      // micronaut-reactor's schedule hook bean is there in every run
      assertThat(context.containsBean(reactorBean("ReactorInstrumentation"))).isTrue();
    }
  }

  @Test
  void logctx_micrometer_is_registered_with_micrometer_as_this_run_says() throws Exception {
    boolean expected = expected("logctx.expected.logctx.micrometer", false);
    // by name: without Micrometer the accessor's class cannot even load
    assertThat(micrometerHasIt()).isEqualTo(expected);
    if (expected) {
      // the key under which ReactorScheduleHook hands the subscription's snapshot to the accessor
      assertThat(Class.forName("dev.logctx.micrometer.LogContextAccessor").getField("KEY").get(null))
          .isEqualTo(ReactorScheduleHook.MICROMETER_ACCESSOR_KEY);
    }
  }

  /** Whether Micrometer's global registry holds logctx's accessor (by reflection: optional). */
  private static boolean micrometerHasIt() throws Exception {
    if (!present("io.micrometer.context.ContextRegistry")) {
      return false;
    }
    Class<?> registry = Class.forName("io.micrometer.context.ContextRegistry");
    Object instance = registry.getMethod("getInstance").invoke(null);
    List<?> accessors = (List<?>) registry.getMethod("getThreadLocalAccessors").invoke(instance);
    for (Object accessor : accessors) {
      if (accessor.getClass().getName().equals("dev.logctx.micrometer.LogContextAccessor")) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> reactorBean(String simpleName) throws ClassNotFoundException {
    return Class.forName("io.micronaut.reactor.instrument." + simpleName);
  }
}
