package dev.logctx.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The paths the tests call; each logs one line named after the path. */
@Controller("/t")
public class TestController {
  private static final Logger log = LoggerFactory.getLogger(TestController.class);

  @Inject
  @Named(TaskExecutors.IO)
  ExecutorService io;

  @Inject
  @Named(TaskExecutors.BLOCKING)
  ExecutorService blocking;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject AsyncWork work;

  /** Runs on the event loop. */
  @Get("/loop")
  public String loop() {
    log.info("loop");
    return "ok";
  }

  /** Runs on the blocking executor. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/blocking")
  public String blocking() {
    log.info("blocking");
    return "ok";
  }

  /** Binds user_id, then hands a task to TaskExecutors.IO and to BLOCKING. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/submit")
  public String submit() throws Exception {
    MDC.put("user_id", "at-submit");
    io.submit(() -> log.info("io task")).get(10, TimeUnit.SECONDS);
    blocking.submit(() -> log.info("blocking task")).get(10, TimeUnit.SECONDS);
    MDC.remove("user_id");
    return "ok";
  }

  /** Calls {@code /t/echo} with the HTTP client. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/forward")
  public String forward() {
    return client.toBlocking().retrieve("/t/echo");
  }

  /** Answers the request id header it received. */
  @Get("/echo")
  public String echo(@Header("X-Request-ID") @Nullable String id) {
    return id == null ? "none" : id;
  }

  /** {@code @PreserveContext @Async} from a request. */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get("/async")
  public String async() throws Exception {
    MDC.put("user_id", "at-call");
    try {
      return work.preserved("from-request").get(10, TimeUnit.SECONDS);
    } finally {
      MDC.remove("user_id");
    }
  }
}
