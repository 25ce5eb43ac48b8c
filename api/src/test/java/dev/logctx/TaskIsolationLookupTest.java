package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.TaskIsolation;
import dev.logctx.internal.TaskIsolationProvider;
import dev.logctx.testsupport.CapturedLog;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the task isolation provider is chosen: one whose framework is absent is skipped in silence,
 * one that fails for any other reason is skipped with a WARN that says why, once per provider.
 */
class TaskIsolationLookupTest {
  private static final String LOGGER = "dev.logctx.internal.TaskIsolation";

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  /** Registered; its constructor fails as a provider's can when its framework is half there. */
  public static final class FailingTaskIsolation implements TaskIsolationProvider {
    /** Called by the service loader. */
    public FailingTaskIsolation() {
      throw new IllegalStateException("no Vert.x instance is running yet");
    }

    @Override
    public @Nullable Object begin() {
      return null;
    }

    @Override
    public void end(Object token) {}
  }

  /** Registered after the failing one: the look-up goes on to it. */
  public static final class UsableTaskIsolation implements TaskIsolationProvider {
    /** Called by the service loader. */
    public UsableTaskIsolation() {}

    @Override
    public @Nullable Object begin() {
      return null;
    }

    @Override
    public void end(Object token) {}
  }

  /** Sees the test's registrations, which list a class that does not exist (an absent framework). */
  private static ClassLoader withTestRegistrations() {
    URL root =
        Objects.requireNonNull(
            TaskIsolationLookupTest.class.getResource("/task-isolation-providers/"), "root");
    return new URLClassLoader(new URL[] {root}, TaskIsolationLookupTest.class.getClassLoader());
  }

  @Test
  void a_provider_whose_constructor_fails_is_skipped_with_one_warning_that_gives_the_cause() {
    TaskIsolationProvider chosen = TaskIsolation.firstUsable(withTestRegistrations());
    TaskIsolationProvider again = TaskIsolation.firstUsable(withTestRegistrations());

    assertThat(chosen).isInstanceOf(UsableTaskIsolation.class);
    assertThat(again).isInstanceOf(UsableTaskIsolation.class);
    List<CapturedLog.Line> lines = logs.fromLogger(LOGGER);
    assertThat(lines)
        .as("one WARN for the failing provider, not one per look-up; none for the absent one")
        .singleElement()
        .satisfies(line -> {
          assertThat(line.level()).isEqualTo("WARN");
          assertThat(line.message())
              .contains(FailingTaskIsolation.class.getName())
              .contains("no Vert.x instance is running yet")
              .doesNotContain("AbsentFrameworkTaskIsolation");
          assertThat(line.throwable())
              .contains("IllegalStateException: no Vert.x instance is running yet");
        });
  }
}
