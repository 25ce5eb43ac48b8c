package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A module whose suite runs twice — with logback's own provider, and again with {@code
 * logctx-logback}'s switched on — names in each surefire execution the MDC adapter SLF4J must use
 * (system property {@code logctx.expected.mdc.adapter}); this proves the run really used it, so a
 * switch that SLF4J ignored cannot pass unnoticed. A module's {@code MdcAdapterOfThisRunTest}
 * extends this.
 */
public abstract class MdcAdapterOfThisRunContract {

  /** Creates the contract; the expected adapter comes from the build. */
  protected MdcAdapterOfThisRunContract() {}

  /** SLF4J's MDC adapter is of the class this execution names. */
  @Test
  public void slf4j_uses_the_mdc_adapter_this_run_names() {
    String expected =
        Objects.requireNonNull(
            System.getProperty("logctx.expected.mdc.adapter"),
            "logctx.expected.mdc.adapter is set by the build");

    assertThat(MDC.getMDCAdapter().getClass().getName()).isEqualTo(expected);
  }
}
