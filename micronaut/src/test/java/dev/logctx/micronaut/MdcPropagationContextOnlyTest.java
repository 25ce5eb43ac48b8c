package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Negative control for the executors: with Micronaut's own {@code MdcPropagationContext} and no
 * logctx, a task gets the MDC as it was when the request filter ran, not as it is at submission.
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
}
