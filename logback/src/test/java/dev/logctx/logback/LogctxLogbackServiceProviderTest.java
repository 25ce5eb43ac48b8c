package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SLF4J really picked this provider (the build sets {@code slf4j.provider}, as a user would), and
 * the logger context is configured, named and reports its status as with logback's provider.
 */
class LogctxLogbackServiceProviderTest {

  @Test
  void slf4j_uses_the_provider_named_by_the_system_property_and_its_adapter() {
    assertThat(System.getProperty("slf4j.provider"))
        .isEqualTo(LogctxLogbackServiceProvider.class.getName());
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    assertThat(MDC.getMDCAdapter()).isInstanceOf(SharedMapMdcAdapter.class);
    assertThat(context.getMDCAdapter()).isSameAs(MDC.getMDCAdapter());
  }

  @Test
  void the_logger_context_is_named_and_configured_as_by_logbacks_provider() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    assertThat(context.getName()).isEqualTo("default");
    assertThat(context.isStarted()).isTrue();
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
        .as("the appender of logback-test.xml")
        .isNotNull();
    List<String> statuses = new ArrayList<>();
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      statuses.add(status.getLevel() + " " + status.getMessage());
      assertThat(status.getLevel()).as("status %s", status).isLessThan(Status.WARN);
    }
    assertThat(statuses).anyMatch(s -> s.contains("logback-test.xml"));
    assertThat(statuses).noneMatch(s -> s.contains("mdcAdapter being reset"));
  }
}
