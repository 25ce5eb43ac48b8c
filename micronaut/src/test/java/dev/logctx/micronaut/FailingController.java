package dev.logctx.micronaut;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paths that throw {@link OrderRefused}, which {@link Handler} turns into a 409 and logs. */
@Controller("/fail")
public class FailingController {

  /** Thrown by the paths, handled by {@link Handler}. */
  public static final class OrderRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OrderRefused(String where) {
      super(where);
    }
  }

  /** Throws on the event loop. */
  @Get("/loop")
  public String loop() {
    throw new OrderRefused("loop");
  }

  /** Throws on the blocking executor. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/blocking")
  public String blocking() {
    throw new OrderRefused("blocking");
  }

  /** An application's exception handler that logs the failure, as users write them. */
  @Singleton
  public static class Handler implements ExceptionHandler<OrderRefused, HttpResponse<String>> {
    private static final Logger log = LoggerFactory.getLogger(Handler.class);

    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
    public HttpResponse<String> handle(HttpRequest request, OrderRefused exception) {
      log.info("handler {}", exception.getMessage());
      return HttpResponse.status(io.micronaut.http.HttpStatus.CONFLICT).body("refused");
    }
  }
}
