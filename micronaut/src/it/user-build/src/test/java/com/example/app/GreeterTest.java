package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.aop.Intercepted;
import io.micronaut.context.ApplicationContext;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class GreeterTest {
  /** Set by the profile of the run: with-processor true, without-processor false. */
  private final boolean expectAdvice =
      Boolean.parseBoolean(Objects.requireNonNull(System.getProperty("expect.advice"), "expect.advice"));

  @Test
  void the_advice_runs_exactly_when_the_processor_was_on_the_path() throws Exception {
    try (ApplicationContext context = ApplicationContext.run()) {
      Greeter greeter = context.getBean(Greeter.class);
      assertEquals(expectAdvice, greeter instanceof Intercepted, "an AOP proxy");

      MDC.put("request_id", "req-user");
      greeter.changeTheMdc();
      assertEquals(
          expectAdvice ? "req-user" : "changed-by-the-body",
          MDC.get("request_id"),
          "the caller's MDC after a synchronous call");
    } finally {
      MDC.clear();
    }
  }
}
