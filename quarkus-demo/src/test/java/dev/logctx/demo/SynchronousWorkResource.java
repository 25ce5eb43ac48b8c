package dev.logctx.demo;

import dev.logctx.ContextualTasks;
import dev.logctx.LogContext;
import dev.logctx.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
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
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Test-only endpoint: the request runs {@link SynchronousVertxWork#body} on its own thread by one
 * {@link SynchronousWay}, then logs {@code "sync-work: <id> request after the call"} and answers
 * what it sees afterwards: the Vert.x local the body wrote ({@code local}) and its MDC ({@code
 * mdc}). Lives in the test sources; not part of the demo service.
 */
@Path("/sync-work")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class SynchronousWorkResource {
  private static final Logger log = LoggerFactory.getLogger(SynchronousWorkResource.class);

  @Inject SynchronousVertxWork work;

  /**
   * Runs the body by {@code way}.
   *
   * @return {@code local}: the body's Vert.x local as the request sees it afterwards (absent when
   *     it does not see it); {@code mdc}: the request's MDC afterwards
   */
  @SuppressWarnings("try") // the scope is only closed, as intended
  @POST
  @Path("/{way}")
  public Map<String, Object> run(
      @PathParam("way") SynchronousWay way,
      @QueryParam("user") @Nullable String user,
      @Context ContainerRequestContext request) {
    String id = CopySemanticsResource.requestId(request);
    String local = "local-of-" + id;
    try (Scope userScope = LogContext.bind("user_id", user == null ? "unknown" : user)) {
      switch (way) {
        case PRESERVE_CONTEXT_CALL -> work.preserved(id, local);
        case LOG_CONTEXT_RUN -> LogContext.current().run(() -> SynchronousVertxWork.body(id, local));
        case MUTINY_CALLBACK ->
            Uni.createFrom()
                .item(local)
                .invoke(value -> SynchronousVertxWork.body(id, value))
                .await()
                .indefinitely();
        case CONTEXTUAL_FUTURE_STAGE ->
            ContextualTasks.withContextCapture(CompletableFuture.completedFuture(local))
                .thenAccept(value -> SynchronousVertxWork.body(id, value))
                .join();
        case PLAIN_CALL -> SynchronousVertxWork.body(id, local);
      }
      log.info("sync-work: {} request after the call", id);
      Map<String, Object> answer = new HashMap<>();
      Object seen = Vertx.currentContext().getLocal(SynchronousVertxWork.LOCAL_KEY);
      if (seen != null) {
        answer.put("local", seen);
      }
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      answer.put("mdc", mdc == null ? Map.of() : new TreeMap<>(mdc));
      return answer;
    }
  }
}
