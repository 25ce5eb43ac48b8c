package dev.logctx.demo;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the traced tests: besides {@link WithCapturedLog}'s, every line with the span
 * current at logging ({@link #traced}) and the spans the demo finished ({@link #spans}).
 */
abstract class WithTracedLines extends WithCapturedLog {
  /** The spans the demo finished. */
  @Inject FinishedSpans spans;

  /** Every line since this test started, with the span current when it was logged. */
  protected LinesWithCurrentSpan traced;

  @BeforeEach
  final void collectTracedLines() {
    traced = LinesWithCurrentSpan.install();
  }

  @AfterEach
  final void stopCollectingTracedLines() {
    traced.close();
  }
}
