package dev.logctx.demo;

import dev.logctx.PreserveContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The body of the synchronous-work tests ({@link SynchronousWorkResource}): it logs, puts an MDC
 * key and writes a Vert.x local on the current context, as Hibernate Reactive, tracing or Quarkus
 * itself keep state there. Exists for those tests only.
 */
@ApplicationScoped
public class SynchronousVertxWork {
  private static final Logger log = LoggerFactory.getLogger(SynchronousVertxWork.class);

  /** The key of the Vert.x local the body writes. */
  static final String LOCAL_KEY = "logctx-demo-written-by-the-body";

  /** The body, through {@code @PreserveContext}. */
  @PreserveContext
  public void preserved(String id, String local) {
    body(id, local);
  }

  /** The body itself. */
  static void body(String id, String local) {
    log.info("sync-work: {} body", id);
    MDC.put("step", "body");
    Context context = Objects.requireNonNull(Vertx.currentContext(), "the request's Vert.x context");
    context.putLocal(LOCAL_KEY, local);
  }
}
