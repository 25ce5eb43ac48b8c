package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.TaskIsolation;
import dev.logctx.internal.TaskIsolationProvider;
import dev.logctx.testsupport.CapturedLog;
import dev.logctx.testsupport.RedefiningClassLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which task isolation provider is used when several are usable: by default the first registered,
 * with one WARN that names them all; the system property {@code logctx.task-isolation} picks one by
 * class name or switches isolation off with {@code none}; a name that fits none is a WARN naming
 * the usable ones, and the default choice is used (the application never fails over it).
 */
class TaskIsolationChoiceTest {
  private static final String LOGGER = "dev.logctx.internal.TaskIsolation";
  private static final String FIRST = FirstTaskIsolation.class.getName();
  private static final String SECOND = SecondTaskIsolation.class.getName();

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  /** Registered first. */
  public static final class FirstTaskIsolation implements TaskIsolationProvider {
    /** Called by the service loader. */
    public FirstTaskIsolation() {}

    @Override
    public @Nullable Object begin() {
      return null;
    }

    @Override
    public void end(Object token) {}
  }

  /** Registered second. */
  public static final class SecondTaskIsolation implements TaskIsolationProvider {
    /** Called by the service loader. */
    public SecondTaskIsolation() {}

    @Override
    public @Nullable Object begin() {
      return null;
    }

    @Override
    public void end(Object token) {}
  }

  @Test
  void several_usable_providers_give_one_warning_naming_them_all_and_the_one_used() {
    TaskIsolationProvider chosen = TaskIsolation.choose(registrations(), null);

    assertThat(chosen).isInstanceOf(FirstTaskIsolation.class);
    assertThat(logs.fromLogger(LOGGER))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo("WARN");
              assertThat(line.message())
                  .contains("several task isolation providers are usable: " + FIRST + ", " + SECOND)
                  .contains("logctx uses " + FIRST)
                  .contains("-Dlogctx.task-isolation=<class name>")
                  .contains("-Dlogctx.task-isolation=none")
                  .doesNotContain("AbsentFrameworkTaskIsolation");
            });
  }

  @Test
  void one_usable_provider_is_used_without_a_word() {
    TaskIsolationProvider chosen = TaskIsolation.choose(registrations("task-isolation-one"), " ");

    assertThat(chosen).isInstanceOf(FirstTaskIsolation.class);
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  @Test
  void the_property_picks_the_second_provider() {
    assertThat(TaskIsolation.choose(registrations(), SECOND))
        .isInstanceOf(SecondTaskIsolation.class);
    assertThat(logs.fromLogger(LOGGER)).as("an explicit choice needs no warning").isEmpty();
  }

  @Test
  void the_property_picks_the_first_provider() {
    assertThat(TaskIsolation.choose(registrations(), " " + FIRST + " "))
        .isInstanceOf(FirstTaskIsolation.class);
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  @Test
  void none_switches_task_isolation_off() {
    assertThat(TaskIsolation.choose(registrations(), "none")).isNull();
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  @Test
  void a_wrong_name_warns_with_the_usable_providers_and_falls_back_to_the_default_choice() {
    TaskIsolationProvider chosen =
        TaskIsolation.choose(registrations(), "dev.logctx.NoSuchTaskIsolation");

    assertThat(chosen).isInstanceOf(FirstTaskIsolation.class);
    assertThat(logs.fromLogger(LOGGER))
        .as("one WARN, not a second one about several providers")
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo("WARN");
              assertThat(line.message())
                  .contains(
                      "-Dlogctx.task-isolation=dev.logctx.NoSuchTaskIsolation names no usable task"
                          + " isolation provider")
                  .contains("Usable: " + FIRST + ", " + SECOND)
                  .contains("logctx uses " + FIRST);
            });
  }

  @Test
  void a_wrong_name_where_no_provider_is_usable_says_isolation_is_off() {
    TaskIsolationProvider chosen =
        TaskIsolation.choose(
            registrations("task-isolation-none"), "dev.logctx.NoSuchTaskIsolation");

    assertThat(chosen).isNull();
    assertThat(logs.fromLogger(LOGGER))
        .singleElement()
        .satisfies(line -> assertThat(line.message()).contains("Usable: none; logctx uses none."));
  }

  @Test
  void the_system_property_is_what_task_isolation_reads_when_it_initialises() throws Exception {
    String before = System.getProperty(TaskIsolation.PROPERTY);
    System.setProperty(TaskIsolation.PROPERTY, SECOND);
    try {
      Class<?> fresh = Class.forName(TaskIsolation.class.getName(), true, new FreshApi());
      assertThat(fresh).isNotSameAs(TaskIsolation.class);

      assertThat(fresh.getMethod("providerName").invoke(null)).isEqualTo(SECOND);
    } finally {
      if (before == null) {
        System.clearProperty(TaskIsolation.PROPERTY);
      } else {
        System.setProperty(TaskIsolation.PROPERTY, before);
      }
    }
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  private static ClassLoader registrations() {
    return registrations("task-isolation-choice");
  }

  /** Sees the registrations under the test resource folder {@code root}. */
  private static ClassLoader registrations(String root) {
    URL url =
        Objects.requireNonNull(
            TaskIsolationChoiceTest.class.getResource("/" + root + "/"), "root " + root);
    return new URLClassLoader(new URL[] {url}, TaskIsolationChoiceTest.class.getClassLoader());
  }

  /**
   * Defines logctx's classes anew, so that {@code TaskIsolation} initialises again, and shows it
   * the registrations of two usable providers.
   */
  private static final class FreshApi extends RedefiningClassLoader {
    private static final String SERVICES =
        "META-INF/services/" + TaskIsolationProvider.class.getName();

    FreshApi() {
      super(
          TaskIsolationChoiceTest.class.getClassLoader(),
          name -> name.startsWith("dev.logctx.") && !name.startsWith("dev.logctx.testsupport."),
          name -> false);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals(SERVICES)) {
        URL url = getParent().getResource("task-isolation-choice/" + SERVICES);
        return Collections.enumeration(url == null ? List.of() : List.of(url));
      }
      return super.getResources(name);
    }
  }
}
