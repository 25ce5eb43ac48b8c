package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code @PreserveContext} methods whose body writes a Vert.x local (as Hibernate Reactive, tracing
 * or Quarkus itself do) and an MDC key, for {@code VertxTaskIsolationTest}.
 */
@ApplicationScoped
public class VertxLocalWork {
  private static final Logger log = LoggerFactory.getLogger(VertxLocalWork.class);

  /** On the caller's thread. */
  @PreserveContext
  public void writeHere(String key, String value) {
    write("body here", key, value);
  }

  /** On another thread, dispatched onto the caller's Vert.x context. */
  @PreserveContext
  @OnCallersVertxContext
  public void writeElsewhere(String key, String value) {
    write("body elsewhere", key, value);
  }

  private static void write(String line, String key, String value) {
    log.info(line);
    Context context = Objects.requireNonNull(Vertx.currentContext(), "a Vert.x context");
    context.putLocal(key, value);
    MDC.put("step", "body");
  }
}
