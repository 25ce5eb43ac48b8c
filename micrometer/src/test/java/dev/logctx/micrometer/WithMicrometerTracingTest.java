package dev.logctx.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.testsupport.CapturedLog;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.util.context.Context;

/**
 * Beside Micrometer Tracing (Brave bridge, whose scope decorator writes {@code traceId} and {@code
 * spanId} into the MDC) and micrometer-observation's {@code ObservationThreadLocalAccessor}, in
 * both registration orders: the task's lines carry the request's keys and the trace of the
 * observation handed over, a span opened in the task shows its own span id, and neither the MDC nor
 * the tracer keeps anything on the pooled thread afterwards.
 */
class WithMicrometerTracingTest {
  private static final Logger log = LoggerFactory.getLogger(WithMicrometerTracingTest.class);

  // Only in method bodies and the helper below: the test class must load (and be skipped by the
  // default run's excludes) on a class path without tracing.
  private static Brave brave;

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "pooled"));

  /** The two orders in which a {@code ContextRegistry} can hold the two accessors. */
  enum Order {
    LOGCTX_FIRST,
    OBSERVATION_FIRST;

    ContextRegistry registry() {
      ThreadLocalAccessor<?> logctx = new LogContextAccessor();
      ThreadLocalAccessor<?> observation = brave.observationAccessor;
      ContextRegistry registry = new ContextRegistry().loadContextAccessors();
      return this == LOGCTX_FIRST
          ? registry.registerThreadLocalAccessor(logctx).registerThreadLocalAccessor(observation)
          : registry.registerThreadLocalAccessor(observation).registerThreadLocalAccessor(logctx);
    }
  }

  /** Brave with its MDC scope decorator, behind Micrometer Tracing and an observation registry. */
  private static final class Brave {
    final Tracing tracing;
    final Tracer tracer;
    final ObservationRegistry observations;
    /** micrometer-observation's accessor as its services file registers it, on this registry. */
    final ObservationThreadLocalAccessor observationAccessor;

    Brave() {
      ThreadLocalCurrentTraceContext braveContext =
          ThreadLocalCurrentTraceContext.newBuilder()
              .addScopeDecorator(MDCScopeDecorator.get())
              .build();
      tracing =
          Tracing.newBuilder()
              .currentTraceContext(braveContext)
              .addSpanHandler(SpanHandler.NOOP) // no span reporting on the console
              .build();
      tracer =
          new BraveTracer(
              tracing.tracer(),
              new BraveCurrentTraceContext(braveContext),
              new BraveBaggageManager());
      observations = ObservationRegistry.create();
      observations
          .observationConfig()
          .observationHandler(new DefaultTracingObservationHandler(tracer));
      // what Spring Boot does: the registered accessor reads the application's registry
      observationAccessor =
          ContextRegistry.getInstance().getThreadLocalAccessors().stream()
              .filter(accessor -> accessor.key().equals(ObservationThreadLocalAccessor.KEY))
              .map(ObservationThreadLocalAccessor.class::cast)
              .findFirst()
              .orElseThrow();
      observationAccessor.setObservationRegistry(observations);
    }
  }

  @BeforeAll
  static void tracing() {
    brave = new Brave();
  }

  @AfterAll
  static void closeTracing() {
    brave.tracing.close();
  }

  @AfterEach
  void cleanup() throws Exception {
    try {
      assertThat(pool.submit(WithMicrometerTracingTest::threadState).get(10, TimeUnit.SECONDS))
          .as("MDC and current span left on the pooled thread")
          .isEqualTo("{} null");
    } finally {
      pool.shutdownNow();
      String left = threadState();
      MDC.clear();
      assertThat(left).as("MDC and current span left on the test thread").isEqualTo("{} null");
    }
  }

  @Test
  void both_accessors_are_registered_through_their_services_files() {
    assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
        .extracting(ThreadLocalAccessor::key)
        .contains(LogContextAccessor.KEY, ObservationThreadLocalAccessor.KEY);
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void a_task_keeps_the_request_keys_and_the_trace_of_the_observation_it_was_handed(Order order)
      throws Exception {
    ContextSnapshotFactory snapshots =
        ContextSnapshotFactory.builder().contextRegistry(order.registry()).build();
    Observation request = Observation.start("request", brave.observations);
    String traceId;
    String spanId;
    ContextSnapshot snapshot;
    try (Scope keys = LogContext.bind("request_id", "req-1");
        Observation.Scope inScope = request.openScope()) {
      traceId = MDC.get("traceId");
      spanId = MDC.get("spanId");
      snapshot = snapshots.captureAll();
    }
    pool.submit(snapshot.wrap(() -> {
          log.info("task");
          Observation child = Observation.start("child", brave.observations);
          try (Observation.Scope inChild = child.openScope()) {
            log.info("in a child span");
          } finally {
            child.stop();
          }
          log.info("after the child span");
        }))
        .get(10, TimeUnit.SECONDS);
    request.stop();
    ContextSnapshot nextRequest;
    try (Scope keys = LogContext.bind("request_id", "req-next")) {
      nextRequest = snapshots.captureAll();
    }
    pool.submit(nextRequest.wrap(() -> log.info("next task, no trace"))).get(10, TimeUnit.SECONDS);

    assertThat(traceId).isNotNull();
    assertThat(logs.mdcOf("task"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("request_id", "req-1", "traceId", traceId, "spanId", spanId));
    assertThat(logs.mdcOf("in a child span"))
        .containsEntry("request_id", "req-1")
        .containsEntry("traceId", traceId)
        .doesNotContainEntry("spanId", spanId)
        .containsKey("spanId");
    assertThat(logs.mdcOf("after the child span"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("request_id", "req-1", "traceId", traceId, "spanId", spanId));
    assertThat(logs.mdcOf("next task, no trace"))
        .as("no trace id reused by the next task on the thread")
        .isEqualTo(Map.of("request_id", "req-next"));
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void an_observation_and_an_mdc_captured_apart_both_show_in_an_operator(Order order)
      throws Exception {
    // what Reactor restores around an operator: the subscriber's Context holds an MDC captured
    // where no span was in scope and an observation written into it by a framework's filter
    ContextSnapshotFactory reactorLike =
        ContextSnapshotFactory.builder().contextRegistry(order.registry()).clearMissing(true).build();
    Observation request = Observation.start("request", brave.observations);
    Context subscriberContext =
        Context.of(
            LogContextAccessor.KEY,
            LogContext.of(Map.of("request_id", "req-2")),
            ObservationThreadLocalAccessor.KEY,
            request);
    AtomicReference<String> spanTrace = new AtomicReference<>();
    pool.submit(() -> {
          try (ContextSnapshot.Scope scope = reactorLike.setThreadLocalsFrom(subscriberContext)) {
            Span span = brave.tracer.currentSpan();
            spanTrace.set(span == null ? null : span.context().traceId());
            log.info("operator");
          }
        })
        .get(10, TimeUnit.SECONDS);
    request.stop();

    assertThat(spanTrace.get()).as("the span in scope in the operator").isNotNull();
    assertThat(logs.mdcOf("operator"))
        .containsEntry("request_id", "req-2")
        .containsEntry("traceId", spanTrace.get())
        .containsKey("spanId");
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void a_task_without_a_trace_run_inside_another_trace_logs_the_trace_in_effect(Order order)
      throws Exception {
    ContextSnapshotFactory snapshots =
        ContextSnapshotFactory.builder().contextRegistry(order.registry()).build();
    ContextSnapshot noTrace;
    try (Scope keys = LogContext.bind("request_id", "req-3")) {
      noTrace = snapshots.captureAll();
    }
    Observation other = Observation.start("other request", brave.observations);
    try (Observation.Scope inScope = other.openScope()) {
      noTrace.wrap(() -> log.info("caller runs")).run(); // on a thread inside another trace
      log.info("caller after");
    } finally {
      other.stop();
    }

    assertThat(logs.mdcOf("caller runs")).containsEntry("request_id", "req-3");
    // the observation of the thread stays in effect where the snapshot carried none (Micrometer
    // leaves it alone without clearMissing), so the trace keys, if any, must be that span's
    String traceInEffect = logs.mdcOf("caller after").get("traceId");
    assertThat(logs.mdcOf("caller runs").get("traceId")).isIn(traceInEffect, null);
    assertThat(logs.mdcOf("caller after")).doesNotContainKey("request_id");
  }

  private static String threadState() {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    return (mdc == null ? Map.of() : mdc) + " " + brave.tracer.currentSpan();
  }
}
