package dev.logctx.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;

/**
 * logback's SLF4J provider with an MDC adapter that keeps each thread's MDC as an immutable map,
 * replaced on every write, so that logctx hands the MDC to another thread without copying it.
 * Configuration, status messages and the context name are logback's own.
 *
 * <p>Switched on by one system property, set on the command line or by the application before
 * SLF4J starts; it is deliberately not registered in {@code META-INF/services}, where it would
 * compete with logback's own provider by class-path order:
 *
 * <pre>
 * java -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider -jar app.jar
 * </pre>
 *
 * <p>Needs logback-classic 1.5.17 or later (its provider creates the logger context when it is
 * constructed) and SLF4J 2.0.9 or later (the {@code slf4j.provider} property).
 */
public final class LogctxLogbackServiceProvider extends LogbackServiceProvider {
  private final SharedMapMdcAdapter mdcAdapter = new SharedMapMdcAdapter();

  /** Called by SLF4J, which finds this class through the {@code slf4j.provider} property. */
  public LogctxLogbackServiceProvider() {
    // logback's constructor creates the logger context; initialize() configures it
  }

  /**
   * Configures the logger context as logback's provider does, with this provider's MDC adapter in
   * place of logback's (the context accepts its adapter once, so the parent's method is not called).
   */
  @SuppressWarnings("deprecation") // the same reporting calls as logback's own provider makes
  @Override
  public void initialize() {
    LoggerContext context = (LoggerContext) getLoggerFactory();
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdcAdapter);
    try {
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        Util.report("Failed to auto configure default logger context", e);
      }
      if (!StatusUtil.contextHasStatusListener(context)) {
        StatusPrinter.printInCaseOfErrorsOrWarnings(context);
      }
    } catch (Exception e) {
      Util.report("Failed to instantiate [" + LoggerContext.class.getName() + "]", e);
    }
    context.start();
  }

  /**
   * The adapter that keeps immutable maps.
   *
   * @return the same adapter on every call
   */
  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }
}
