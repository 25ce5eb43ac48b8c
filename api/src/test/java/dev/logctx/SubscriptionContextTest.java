package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.SubscriptionContext;
import dev.logctx.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of the Reactor subscription whose signal logctx delivers on a thread: set while its
 * scope is open, nested scopes give the outer one back, the MDC is attached and restored as by
 * {@code attach()}, and a scope closed on another thread changes nothing there.
 */
class SubscriptionContextTest {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionContextTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "other-thread"));

  @AfterEach
  void cleanup() throws Exception {
    assertThat(SubscriptionContext.current()).isNull();
    Mdc.assertCleanAndShutdown(pool);
  }

  @Test
  void the_subscription_being_delivered_is_known_while_its_scope_is_open_and_nested_ones_give_the_outer_back() {
    LogContext outer = LogContext.of(Map.of("request_id", "outer"));
    LogContext inner = LogContext.of(Map.of("request_id", "inner"));
    assertThat(SubscriptionContext.current()).isNull();
    try (Scope o = SubscriptionContext.attach(outer)) {
      log.info("outer signal");
      try (Scope i = SubscriptionContext.attach(inner)) {
        assertThat(SubscriptionContext.current()).isSameAs(inner);
        log.info("inner signal");
      }
      assertThat(SubscriptionContext.current()).isSameAs(outer);
      log.info("outer again");
    }
    assertThat(SubscriptionContext.current()).isNull();
    log.info("after");

    assertThat(logs.line("outer signal").requestId()).isEqualTo("outer");
    assertThat(logs.line("inner signal").requestId()).isEqualTo("inner");
    assertThat(logs.line("outer again").requestId()).isEqualTo("outer");
    assertThat(logs.line("after").mdc()).isEmpty();
  }

  @Test
  void a_scope_closed_on_another_thread_changes_nothing_there() throws Exception {
    Scope scope = SubscriptionContext.attach(LogContext.of(Map.of("request_id", "opened-here")));
    try {
      pool.submit(() -> {
            scope.close();
            assertThat(SubscriptionContext.current()).isNull();
            log.info("other thread");
          })
          .get(10, TimeUnit.SECONDS);
      log.info("opening thread");
    } finally {
      scope.close();
    }
    assertThat(logs.line("other thread").mdc()).isEmpty();
    assertThat(logs.line("opening thread").requestId()).isEqualTo("opened-here");
  }

  /** Opens outer then inner, closes outer first, then inner, all on the pool's one thread. */
  private void outOfOrderOnThePoolThread() throws Exception {
    pool.submit(
            () -> {
              Scope o = SubscriptionContext.attach(LogContext.of(Map.of("request_id", "outer")));
              Scope i = SubscriptionContext.attach(LogContext.of(Map.of("request_id", "inner")));
              o.close();
              log.info("inner still delivering");
              i.close();
              log.info("after both, same task");
              return SubscriptionContext.current();
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void scopes_closed_out_of_order_leave_neither_a_subscription_nor_an_id_behind() throws Exception {
    outOfOrderOnThePoolThread();
    LogContext afterOnThatThread =
        pool.submit(
                () -> {
                  log.info("next task on that thread");
                  return SubscriptionContext.current();
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(logs.line("inner still delivering").requestId()).isEqualTo("inner");
    assertThat(logs.line("after both, same task").mdc()).isEmpty();
    assertThat(logs.line("next task on that thread").mdc()).isEmpty();
    assertThat(afterOnThatThread).as("subscription recorded on the thread afterwards").isNull();
  }

  @Test
  void a_scope_closed_under_an_open_inner_one_gives_the_outer_of_both_back() throws Exception {
    String[] seen =
        pool.submit(
                () -> {
                  LogContext base = LogContext.of(Map.of("request_id", "base"));
                  try (Scope b = SubscriptionContext.attach(base)) {
                    Scope o =
                        SubscriptionContext.attach(LogContext.of(Map.of("request_id", "outer")));
                    Scope i =
                        SubscriptionContext.attach(LogContext.of(Map.of("request_id", "inner")));
                    o.close();
                    i.close();
                    log.info("base again");
                    return new String[] {
                      String.valueOf(SubscriptionContext.current() == base), "ok"
                    };
                  }
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(seen[0]).as("current() is the still open base").isEqualTo("true");
    assertThat(logs.line("base again").requestId()).isEqualTo("base");
  }
}
