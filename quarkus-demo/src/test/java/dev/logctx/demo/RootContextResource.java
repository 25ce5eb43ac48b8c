package dev.logctx.demo;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Test-only endpoint: the request hands a task to a Vert.x root context by one {@link
 * RootContextWay}, wrapped by logctx ({@code logctx=true}) or not, and waits for it. The task logs
 * {@code "root-context: <id> task"}, puts the MDC key {@code step}, and logs {@code "root-context:
 * <id> task after its put"}; the request then logs {@code "root-context: <id> request after the
 * task"}. Lives in the test sources; not part of the demo service.
 */
@Path("/root-context")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class RootContextResource {
  private static final Logger log = LoggerFactory.getLogger(RootContextResource.class);

  private static final long WAIT_SECONDS = 30;

  @Inject Vertx vertx;

  /** One reused thread without a Vert.x context: where timers are set from. */
  private final ExecutorService plainThread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "root-context-plain");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Runs the task by {@code way} and waits for it.
   *
   * @return what the Vert.x handler saw: {@code handlerOnRootContext} (it ran on a root context),
   *     {@code taskOnDuplicatedContext}, {@code taskContextOfTheSameRoot} (the task's context is a
   *     duplicate of the handler's), {@code backOnRootAfterTask} (the handler's context is current
   *     again once the task is over); and {@code mdc}, the request's MDC afterwards
   */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Path("/{way}")
  public Map<String, Object> run(
      @PathParam("way") RootContextWay way,
      @QueryParam("logctx") boolean withLogctx,
      @QueryParam("user") @Nullable String user,
      @jakarta.ws.rs.core.Context ContainerRequestContext request)
      throws InterruptedException, ExecutionException, TimeoutException {
    String id = CopySemanticsResource.requestId(request);
    try (Scope userScope = LogContext.bind("user_id", user == null ? "unknown" : user)) {
      AtomicReference<@Nullable Context> taskContext = new AtomicReference<>();
      Runnable task =
          () -> {
            taskContext.set(Vertx.currentContext());
            log.info("root-context: {} task", id);
            MDC.put("step", "task");
            log.info("root-context: {} task after its put", id);
          };
      Runnable handed = withLogctx ? LogContext.current().wrap(task) : task;
      CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
      Runnable onVertx = () -> runOnVertx(handed, taskContext, seen);
      Context root = VertxContext.getRootContext(Vertx.currentContext());
      switch (way) {
        case EVENT_LOOP_TIMER -> plainThread.execute(() -> vertx.setTimer(1, timer -> onVertx.run()));
        case RUN_ON_ROOT_CONTEXT -> root.runOnContext(nothing -> onVertx.run());
        case UNORDERED_EXECUTE_BLOCKING ->
            root.executeBlocking(
                () -> {
                  onVertx.run();
                  return null;
                },
                false);
      }
      Map<String, Object> answer = new HashMap<>(seen.get(WAIT_SECONDS, TimeUnit.SECONDS));
      log.info("root-context: {} request after the task", id);
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      answer.put("mdc", mdc == null ? Map.of() : new TreeMap<>(mdc));
      return answer;
    }
  }

  /** On the Vert.x context the way chose: runs the task, then tells what it saw. */
  private static void runOnVertx(
      Runnable handed,
      AtomicReference<@Nullable Context> taskContext,
      CompletableFuture<Map<String, Object>> seen) {
    try {
      Context handler = Objects.requireNonNull(Vertx.currentContext(), "a Vert.x context");
      handed.run();
      Context inTask = Objects.requireNonNull(taskContext.get(), "the task's Vert.x context");
      Map<String, Object> facts = new HashMap<>();
      facts.put("handlerOnRootContext", !VertxContext.isDuplicatedContext(handler));
      facts.put("taskOnDuplicatedContext", VertxContext.isDuplicatedContext(inTask));
      facts.put("taskContextOfTheSameRoot", VertxContext.getRootContext(inTask) == handler);
      facts.put("backOnRootAfterTask", Vertx.currentContext() == handler);
      seen.complete(facts);
    } catch (RuntimeException | Error e) {
      seen.completeExceptionally(e);
    }
  }

  @PreDestroy
  void shutdown() {
    plainThread.shutdownNow();
  }
}
