package dev.logctx.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

/**
 * What an application does without logctx, for the negative controls. {@code test.filter=plain}:
 * puts the id into the MDC in a request filter, nothing else. {@code
 * test.filter=mdc-propagation}: the same, plus Micronaut's own {@code MdcPropagationContext}
 * (which snapshots the MDC of that moment, user_id "filter-time" included).
 */
@ServerFilter("/t/**")
@Requires(property = "test.filter")
public class MdcPropagationFilter {
  private final String mode;

  public MdcPropagationFilter(@Value("${test.filter}") String mode) {
    this.mode = mode;
  }

  @RequestFilter
  public void bind(MutablePropagatedContext context) {
    MDC.put("request_id", "filter-put");
    MDC.put("user_id", "filter-time");
    if (mode.equals("mdc-propagation")) {
      context.add(new MdcPropagationContext());
    }
  }
}
