package com.example.app;

import dev.logctx.LogContext;
import dev.logctx.Scope;

/** A user's class that compiles against logctx-api, resolved through the imported BOM. */
public final class OrderService {

  private OrderService() {}

  /**
   * Runs a task with a request id bound.
   *
   * @param requestId the request id
   * @param task the task
   */
  public static void handle(String requestId, Runnable task) {
    try (Scope scope = LogContext.bind("request_id", requestId)) {
      LogContext.current().run(task);
    }
  }
}
