package com.example.app;

import dev.logctx.PreserveContext;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

/** A user's bean with the advice. */
@Singleton
public class Greeter {
  /** Creates the bean. */
  public Greeter() {}

  /** Changes the caller's MDC, unless the advice restores it. */
  @PreserveContext
  public void changeTheMdc() {
    MDC.put("request_id", "changed-by-the-body");
  }
}
