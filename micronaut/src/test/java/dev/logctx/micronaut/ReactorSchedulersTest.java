package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With logctx-micronaut and micronaut-reactor: every step of a Reactor pipeline that switches
 * threads on {@code Schedulers.parallel()} and {@code Schedulers.boundedElastic()} logs with the
 * request's {@code request_id} and the {@code user_id} the controller put into the MDC after the
 * filters ran, as it was when the pipeline was subscribed; scheduler threads keep nothing.
 * Negative controls: {@link WithoutLogctxTest}, {@link MdcPropagationContextOnlyTest}. Shared
 * streams: {@link HotStreamTest}.
 */
@MicronautTest
class ReactorSchedulersTest extends CapturingTest {
  @Inject ApplicationContext context;

  @Test
  void every_step_on_parallel_and_bounded_elastic_logs_the_request_and_user_ids() {
    assertThat(context.containsBean(ReactorScheduleHook.class)).isTrue();
    assertThat(get("/t/reactor?user=u-1", "req-reactor").body()).isEqualTo("ok");

    Map<String, String> expected = Map.of("request_id", "req-reactor", "user_id", "u-1");
    for (String step : ReactiveController.STEPS) {
      assertThat(logs.line(step + " u-1").mdc()).as(step).isEqualTo(expected);
    }
    assertThat(logs.line("elastic subscribe u-1").thread()).contains("boundedElastic");
    assertThat(logs.line("parallel u-1").thread()).contains("parallel");
    assertThat(logs.line("elastic publish u-1").thread()).contains("boundedElastic");
    assertThat(logs.line("flux 3 u-1").thread()).contains("parallel");
  }

  @Test
  void a_task_gets_the_mdc_of_the_moment_it_was_scheduled() {
    get("/t/reactor/moment", "req-moment");
    assertThat(logs.line("moment first").mdc())
        .isEqualTo(Map.of("request_id", "req-moment", "user_id", "first"));
    assertThat(logs.line("moment second").mdc())
        .isEqualTo(Map.of("request_id", "req-moment", "user_id", "second"));
  }

  @Test
  void concurrent_requests_on_reused_scheduler_threads_never_see_each_others_ids()
      throws Exception {
    ReactorRound round = ReactorRound.run(logs, (path, id) -> get(path, id).body());
    assertThat(round.failures()).isEmpty();
    assertThat(round.failureRate("with logctx-micronaut")).isZero();

    // The last step of each pipeline left "left_by" in its worker's MDC: logctx restored the
    // worker afterwards, so work scheduled now from an empty MDC runs with an empty MDC.
    assertThat(ReactorRound.probeSchedulerThreads(logs))
        .allSatisfy(line -> assertThat(line.mdc()).as(line.thread()).isEmpty());
  }
}
