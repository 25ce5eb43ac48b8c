package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.testsupport.CapturedLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shared Reactor streams over real HTTP: 50 requests subscribe to one multicast sink (as it is,
 * through {@code share()}, through {@code publish().autoConnect()}), each through {@code
 * publishOn(Schedulers.parallel())}, while 50 other requests emit on it. Every subscriber logs in
 * the context of its own subscription — its request's id, or nothing for a subscription made
 * outside any request — and never with the id of the request that emitted. Work subscribed in a
 * request ({@code Flux.interval}) carries that request's id; subscribed with an empty MDC, none.
 * Negative control: {@link WithoutLogctxTest} (without logctx no subscriber line has its id).
 */
@MicronautTest
class HotStreamTest extends CapturingTest {
  @Inject HotStreams streams;

  @ParameterizedTest
  @EnumSource(HotStreams.Kind.class)
  void subscribers_of_a_shared_stream_log_their_own_subscriptions_id_never_the_emitters(
      HotStreams.Kind kind) throws Exception {
    HotRound round = HotRound.run(logs, streams, kind, (path, id) -> get(path, id).body());
    round.print("with logctx-micronaut, " + kind);

    assertThat(round.received()).hasSize(round.expectedLineCount());
    assertThat(round.withAnEmittersId()).as("lines with an emitting request's id").isEmpty();
    assertThat(round.notTheirSubscriptions()).isEmpty();
    assertThat(round.emittersThatLostTheirOwnId()).isEmpty();
    assertThat(round.received())
        .allSatisfy(line -> assertThat(line.thread()).contains("parallel"));

    assertThat(ReactorRound.probeSchedulerThreads(logs))
        .allSatisfy(line -> assertThat(line.mdc()).as(line.thread()).isEmpty());
  }

  @Test
  void a_flux_interval_subscribed_in_a_request_carries_that_requests_id() throws Exception {
    get("/t/hot/interval?name=in-request&ticks=3&detached=false", "req-interval");
    assertThat(streams.intervalDone("in-request").await(10, TimeUnit.SECONDS)).isTrue();
    for (int tick = 0; tick < 3; tick++) {
      CapturedLog.Line line = logs.line("tick " + tick + " by in-request");
      assertThat(line.mdc()).isEqualTo(Map.of("request_id", "req-interval"));
      assertThat(line.thread()).contains("parallel");
    }
  }

  @Test
  void a_flux_interval_subscribed_inside_log_context_empty_carries_no_id() throws Exception {
    get("/t/hot/interval?name=detached&ticks=3&detached=true", "req-detached");
    assertThat(streams.intervalDone("detached").await(10, TimeUnit.SECONDS)).isTrue();
    for (int tick = 0; tick < 3; tick++) {
      assertThat(logs.line("tick " + tick + " by detached").mdc()).isEmpty();
    }
  }

  @Test
  void work_subscribed_with_an_empty_mdc_logs_no_id_even_on_threads_that_ran_requests()
      throws Exception {
    // scheduler threads that have just run requests' work
    ReactorRound.run(logs, (path, id) -> get(path, id).body());
    streams.interval("no-mdc", 3, false);
    assertThat(streams.intervalDone("no-mdc").await(10, TimeUnit.SECONDS)).isTrue();
    List<CapturedLog.Line> ticks =
        logs.lines().stream().filter(l -> l.message().endsWith(" by no-mdc")).toList();
    assertThat(ticks).hasSize(3).allSatisfy(line -> assertThat(line.mdc()).isEmpty());
  }
}
