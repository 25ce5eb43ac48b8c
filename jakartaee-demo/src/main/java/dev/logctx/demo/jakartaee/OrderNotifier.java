package dev.logctx.demo.jakartaee;

import dev.logctx.PreserveContext;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bean whose Jakarta {@code @Asynchronous} methods run on an executor whose context clears
 * "LogContext". With {@code @PreserveContext} the body runs in the caller's logging context all
 * the same; without it (the negative control) the body logs with an empty MDC.
 */
@ApplicationScoped
public class OrderNotifier {
  private static final Logger log = LoggerFactory.getLogger(OrderNotifier.class);

  /** Tells the warehouse, later, on the clearing executor. Logs {@code follow-up: async-bean}. */
  @Asynchronous(executor = Concurrency.CLEARING_EXECUTOR)
  @PreserveContext
  public CompletableFuture<Void> notifyWarehouse(String orderId) {
    log.info(FollowUp.ASYNC_BEAN.logLine());
    return Asynchronous.Result.complete(null);
  }

  /** The same without {@code @PreserveContext}. Logs {@code control: async-without-preserve}. */
  @Asynchronous(executor = Concurrency.CLEARING_EXECUTOR)
  public CompletableFuture<Void> notifyWarehouseWithoutPreserve() {
    log.info(Control.ASYNC_WITHOUT_PRESERVE.logLine());
    return Asynchronous.Result.complete(null);
  }
}
