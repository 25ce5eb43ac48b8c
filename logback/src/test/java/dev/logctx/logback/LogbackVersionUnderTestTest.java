package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Each surefire execution of this module names the logback it runs on (the build's version, or
 * another one swapped in by the executions {@code logback-<version>}); this proves the JVM really
 * loaded that logback-classic and that logback-core, so a silently ignored swap cannot pass.
 */
class LogbackVersionUnderTestTest {

  @Test
  void the_jvm_runs_on_the_logback_this_execution_names() {
    String expected =
        Objects.requireNonNull(
            System.getProperty("logctx.expected.logback.version"),
            "logctx.expected.logback.version is set by the build");

    assertThat(jarOf(LoggerContext.class)).endsWith("/logback-classic-" + expected + ".jar");
    assertThat(jarOf(Context.class)).endsWith("/logback-core-" + expected + ".jar");
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath();
  }
}
