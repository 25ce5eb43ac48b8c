package dev.logctx.demo.jakartaee;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous resources, as users write them: the request thread returns to the server at once
 * and the response is written on another thread. The server's request thread must not keep the
 * request's id afterwards (see {@link EarlyRequestFilter}).
 */
@Path("/async")
@Produces(MediaType.TEXT_PLAIN)
public class AsyncResource {
  /** The line each endpoint logs on the request thread. */
  static final String ACCEPTED = "async request accepted";

  /** The line the suspended and the staged endpoint log where the response is resumed. */
  static final String RESUMED = "async request resumed";

  private static final Logger log = LoggerFactory.getLogger(AsyncResource.class);

  @Resource private ManagedExecutorService executor;

  /** Suspends; a task of the default managed executor resumes the response. */
  @GET
  @Path("/suspended")
  public void suspended(@Suspended AsyncResponse response) {
    log.info(ACCEPTED);
    executor.execute(
        () -> {
          log.info(RESUMED);
          response.resume("suspended");
        });
  }

  /** Returns a stage that a task of the default managed executor completes. */
  @GET
  @Path("/stage")
  public CompletionStage<String> stage() {
    log.info(ACCEPTED);
    CompletableFuture<String> result = new CompletableFuture<>();
    executor.execute(
        () -> {
          log.info(RESUMED);
          result.complete("stage");
        });
    return result;
  }

  /** Answers on the request thread: the synchronous requests interleaved with the others. */
  @GET
  @Path("/sync")
  public String sync() {
    log.info(ACCEPTED);
    return "sync";
  }
}
