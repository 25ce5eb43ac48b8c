package dev.logctx.demo.jakartaee;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A span exporter that logs each finished span as one line, {@value #PREFIX}{@code <trace id>
 * <span id> <name>}: with {@code -Dlogctx.demo.log-spans=true}, a reader of the log (and the
 * integration tests) can tell which spans a trace had.
 */
final class SpanLines implements SpanExporter {
  /** The start of each line: {@value}. */
  static final String PREFIX = "span ended ";

  private static final Logger log = LoggerFactory.getLogger(SpanLines.class);

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      // One plain message (no placeholders): the JSON line's "message" is the text itself.
      log.info(PREFIX + span.getTraceId() + " " + span.getSpanId() + " " + span.getName());
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
