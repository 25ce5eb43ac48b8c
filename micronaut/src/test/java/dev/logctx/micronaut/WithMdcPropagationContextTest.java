package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * logctx beside Micronaut's {@code MdcPropagationContext} (counterpart of {@link
 * MdcPropagationContextOnlyTest}): the executor decoration sits outside Micronaut's
 * instrumentation, so a task still gets the MDC of the moment of submission; and logctx's Reactor
 * hooks (the subscription's snapshot attached around each signal, the schedule hook registered
 * before micronaut-reactor's and so wrapping each task innermost) have the last word over the
 * filter-time MDC that micronaut-reactor's hook re-applies.
 */
@MicronautTest
@Property(name = "test.filter", value = "mdc-propagation")
class WithMdcPropagationContextTest extends CapturingTest {


  @Test
  void tasks_get_the_mdc_of_submission_not_of_the_filter() {
    get("/t/submit", "req-both");
    for (String task : new String[] {"io task", "blocking task"}) {
      assertThat(logs.line(task).mdc())
          .as(task)
          .containsEntry("user_id", "at-submit");
    }
  }

  @Test
  void reactor_tasks_get_the_mdc_of_the_moment_they_are_scheduled_not_of_the_filter() {
    get("/t/reactor?user=u-both", "req-both");
    for (String step : ReactiveController.STEPS) {
      assertThat(logs.line(step + " u-both").mdc()).as(step).containsEntry("user_id", "u-both");
    }
  }
}
