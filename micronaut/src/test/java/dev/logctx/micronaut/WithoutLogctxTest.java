package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The off switch, and the negative controls of {@link RequestIdHttpTest} and {@link
 * ReactorSchedulersTest}: with {@code
 * logctx.micronaut.enabled=false} no logctx bean exists, and an id put into the MDC by a plain
 * request filter does not reach an {@code @ExecuteOn} controller. (It does reach an event-loop
 * controller that runs on the filter's thread right after it: Micronaut 4.10 runs both on one
 * event-loop thread, and the put is never undone there.) Reactor pipelines log without the
 * request's ids, and Reactor's scheduler threads keep what earlier work left in their MDC; the
 * subscribers of a shared stream ({@link HotStreamTest}) never log their own request's id.
 */
@MicronautTest
@Property(name = "logctx.micronaut.enabled", value = "false")
@Property(name = "test.filter", value = "plain")
class WithoutLogctxTest extends CapturingTest {

  @Inject ApplicationContext context;
  @Inject HotStreams streams;

  @Test
  void the_off_switch_removes_every_logctx_bean() {
    assertThat(context.containsBean(RequestIdServerFilter.class)).isFalse();
    assertThat(context.containsBean(RequestIdClientFilter.class)).isFalse();
    assertThat(context.containsBean(PreserveContextCallSiteInterceptor.class)).isFalse();
    assertThat(context.containsBean(PreserveContextBodyInterceptor.class)).isFalse();
    assertThat(context.containsBean(ContextualExecutorBeans.class)).isFalse();
    assertThat(context.containsBean(ReactorScheduleHook.class)).isFalse();
    assertThat(context.containsBean(LogContextAtStartup.class)).isFalse();
    assertThat(get("/t/loop", "req-off").header("X-Request-ID")).isNull();
  }

  @Test
  void negative_control_a_plain_mdc_put_in_a_filter_does_not_reach_an_execute_on_controller() {
    get("/t/blocking", "req-off");
    assertThat(logs.line("blocking").requestId()).isNull();
  }

  @Test
  void negative_control_without_logctx_the_async_body_loses_the_id() {
    get("/t/async", "req-off");
    assertThat(logs.line("body from-request").mdc()).doesNotContainKey("request_id");
  }

  @Test
  void negative_control_without_the_client_filter_nothing_is_forwarded() {
    assertThat(get("/t/forward", "req-off").body()).isEqualTo("none");
  }

  @Test
  void negative_control_without_logctx_reactor_lines_lose_the_ids_and_threads_keep_leftovers()
      throws Exception {
    ReactorRound round = ReactorRound.run(logs, (path, id) -> get(path, id).body());
    assertThat(round.failureRate("negative control, logctx.micronaut.enabled=false"))
        .isEqualTo(1.0);

    assertThat(ReactorRound.probeSchedulerThreads(logs))
        .anySatisfy(line -> assertThat(line.mdc()).containsKey("left_by"));
  }

  @Test
  void negative_control_without_logctx_no_subscriber_of_a_shared_stream_logs_its_own_id()
      throws Exception {
    HotRound round =
        HotRound.run(logs, streams, HotStreams.Kind.MULTICAST, (path, id) -> get(path, id).body());
    round.print("negative control, logctx.micronaut.enabled=false");
    assertThat(round.received()).hasSize(round.expectedLineCount());
    assertThat(round.withTheirOwnId()).isEmpty();
  }

  @Test
  void negative_control_without_logctx_the_moment_of_scheduling_is_lost() {
    get("/t/reactor/moment", "req-off");
    assertThat(logs.line("moment first").mdc()).doesNotContainEntry("user_id", "first");
    assertThat(logs.line("moment second").mdc()).doesNotContainEntry("user_id", "second");
  }
}
