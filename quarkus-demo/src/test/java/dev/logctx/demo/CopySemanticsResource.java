package dev.logctx.demo;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.jaxrs.RequestIdFilter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Test-only endpoints for issue 9, "copy semantics inside Quarkus": each request hands a task over
 * by one {@link Handover} and both sides log, so the tests can read from the captured log records
 * which MDC each line carried. Lives in the test sources (Quarkus serves them in
 * {@code @QuarkusTest}); not part of the demo service.
 *
 * <p>The request id is the one {@code RequestIdFilter} bound from {@code X-Request-ID}; the user
 * comes in the query parameter {@code user} and is bound as {@code user_id} by the endpoint. Every
 * message starts with {@code "copy-semantics: <request id> "}, so a line can be found even when its
 * MDC lost the id.
 */
@Path("/copy-semantics")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class CopySemanticsResource {
  private static final Logger log = LoggerFactory.getLogger(CopySemanticsResource.class);

  /** How long any side waits for the other before it gives up (and the test fails). */
  private static final long WAIT_SECONDS = 30;

  @Inject Handovers handovers;

  /** Released by {@link #responded(String)}, by request id: see {@link #afterResponse}. */
  private final Map<String, CountDownLatch> responses = new ConcurrentHashMap<>();

  /**
   * The request hands over a task and waits until it has started (its context is attached by then);
   * the task waits in turn. Then the request binds {@code request_id=<id>-changed}, logs {@code
   * "request changed its id"} and lets the task go on; the task logs {@code "task ran"}. Once the
   * task is over, the request logs {@code "request after its task"}.
   *
   * @return the request's MDC read after its task was over
   */
  @SuppressWarnings("try") // the scopes are only closed, as intended
  @POST
  @Path("/later-change/{handover}")
  public Map<String, String> laterChange(
      @PathParam("handover") Handover handover,
      @QueryParam("user") @Nullable String user,
      @Context ContainerRequestContext request) {
    String id = requestId(request);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch changed = new CountDownLatch(1);
    try (Scope userScope = LogContext.bind("user_id", userId(user))) {
      CompletableFuture<?> task =
          handovers.start(
              handover,
              () -> {
                started.countDown();
                await(changed, "the request's change");
                log.info("copy-semantics: {} task ran", id);
              },
              "copy-semantics-task");
      await(started, "the task to start");
      try (Scope changedId = LogContext.bind("request_id", id + "-changed")) {
        log.info("copy-semantics: {} request changed its id", id);
        changed.countDown();
        join(task);
        log.info("copy-semantics: {} request after its task", id);
        return mdcNow();
      }
    }
  }

  /**
   * The request hands over a task that, once the hand-over call has returned on the request's side,
   * puts {@code request_id=child}, removes {@code user_id}, logs {@code "task changed its own MDC"}
   * and waits until the request has looked at its own MDC ({@code "request while its task runs"});
   * once the task is over, the request logs {@code "request after its task"}.
   *
   * @return the request's MDC while its task ran ({@code whileTaskRuns}) and after ({@code
   *     afterTask})
   */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Path("/child-writes/{handover}")
  public Map<String, Map<String, String>> childWrites(
      @PathParam("handover") Handover handover,
      @QueryParam("user") @Nullable String user,
      @Context ContainerRequestContext request) {
    String id = requestId(request);
    CountDownLatch handedOver = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch looked = new CountDownLatch(1);
    try (Scope userScope = LogContext.bind("user_id", userId(user))) {
      CompletableFuture<?> task =
          handovers.start(
              handover,
              () -> {
                await(handedOver, "the hand-over call to return");
                MDC.put("request_id", "child");
                MDC.remove("user_id");
                log.info("copy-semantics: {} task changed its own MDC", id);
                written.countDown();
                await(looked, "the request to look at its MDC");
              },
              "copy-semantics-task");
      handedOver.countDown();
      await(written, "the task's writes");
      log.info("copy-semantics: {} request while its task runs", id);
      Map<String, String> whileTaskRuns = mdcNow();
      looked.countDown();
      join(task);
      log.info("copy-semantics: {} request after its task", id);
      return Map.of("whileTaskRuns", whileTaskRuns, "afterTask", mdcNow());
    }
  }

  /**
   * The request hands over one task by each of {@code only} (every {@link Handover} when none is
   * named) and answers once all of them have started. Each task logs {@code "<handover> started"},
   * then waits until the client says it received the response ({@link #responded(String)}) — by
   * then {@code RequestIdFilter}'s response filter has removed {@code request_id} and the endpoint
   * its {@code user_id} — and logs {@code "<handover> after the response"}.
   *
   * @return 202 once every task has started
   */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Path("/after-response")
  public Response afterResponse(
      @QueryParam("handover") List<Handover> only,
      @QueryParam("user") @Nullable String user,
      @Context ContainerRequestContext request) {
    String id = requestId(request);
    CountDownLatch responded = new CountDownLatch(1);
    if (responses.putIfAbsent(id, responded) != null) {
      return Response.status(Response.Status.CONFLICT).build();
    }
    List<Handover> all = only.isEmpty() ? List.of(Handover.values()) : List.copyOf(only);
    CountDownLatch started = new CountDownLatch(all.size());
    try (Scope userScope = LogContext.bind("user_id", userId(user))) {
      for (Handover handover : all) {
        handovers
            .start(
                handover,
                () -> {
                  log.info("copy-semantics: {} {} started", id, handover);
                  started.countDown();
                  await(responded, "the client to receive the response");
                  log.info("copy-semantics: {} {} after the response", id, handover);
                },
                "copy-semantics-" + handover.name().toLowerCase(Locale.ROOT))
            .whenComplete(
                (result, failure) -> {
                  if (failure != null) {
                    log.error("copy-semantics: {} {} failed", id, handover, failure);
                  }
                });
      }
      await(started, "every task to start");
    }
    return Response.accepted(Map.of("started", all.size())).build();
  }

  /**
   * Tells the tasks of request {@code requestId} that its client received the response. Runs on the
   * event loop, so it is served even while the tasks it releases hold worker threads.
   *
   * @return 204, or 404 when no such request waits
   */
  @POST
  @Path("/responded/{requestId}")
  @NonBlocking
  public Response responded(@PathParam("requestId") String requestId) {
    CountDownLatch responded = responses.remove(requestId);
    if (responded == null) {
      return Response.status(Response.Status.NOT_FOUND).build();
    }
    responded.countDown();
    return Response.noContent().build();
  }

  /** The request id {@code RequestIdFilter} bound for {@code request}. */
  static String requestId(ContainerRequestContext request) {
    return String.valueOf(request.getProperty(RequestIdFilter.REQUEST_ID_PROPERTY));
  }

  private static String userId(@Nullable String user) {
    return user != null && OrderRequest.isIdentifier(user) ? user : "unknown";
  }

  /** This thread's MDC now, sorted. */
  private static Map<String, String> mdcNow() {
    Map<String, String> now = MDC.getCopyOfContextMap();
    return now == null ? Map.of() : new TreeMap<>(now);
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gave up waiting for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  private static void join(CompletableFuture<?> task) {
    try {
      task.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the task", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the task did not complete", e);
    }
  }
}
