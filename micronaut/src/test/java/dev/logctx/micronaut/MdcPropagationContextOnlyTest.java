package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Negative control for the executors and for Reactor's schedulers: with Micronaut's own {@code
 * MdcPropagationContext} and no logctx, a task gets the MDC as it was when the request filter ran,
 * not as it is at submission (on Reactor's schedulers through micronaut-reactor's schedule hook).
 */
@MicronautTest
@Property(name = "logctx.micronaut.enabled", value = "false")
@Property(name = "test.filter", value = "mdc-propagation")
class MdcPropagationContextOnlyTest extends CapturingTest {


  @Test
  void negative_control_tasks_get_the_filter_time_mdc() {
    get("/t/submit", null);
    for (String task : new String[] {"io task", "blocking task"}) {
      assertThat(logs.line(task).mdc())
          .as(task)
          .isEqualTo(Map.of("request_id", "filter-put", "user_id", "filter-time"));
    }
  }

  @Test
  void negative_control_reactor_tasks_get_the_filter_time_mdc() {
    get("/t/reactor?user=u-mpc", null);
    for (String step : ReactiveController.STEPS) {
      assertThat(logs.line(step + " u-mpc").mdc())
          .as(step)
          .isEqualTo(Map.of("request_id", "filter-put", "user_id", "filter-time"));
    }
  }
}
