package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.logctx.testsupport.CapturedLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The MDC as applications use it, through SLF4J, with this provider switched on. */
class MdcThroughSlf4jTest {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(MdcThroughSlf4jTest.class);

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  @AfterEach
  void test_thread_mdc_is_empty() {
    Map<String, String> left = MDC.getCopyOfContextMap();
    MDC.clear();
    assertThat(left == null ? Map.of() : left).as("MDC left on the test thread").isEmpty();
  }

  @Test
  void put_closeable_binds_the_key_for_the_block_only() {
    MDC.put("request_id", "req-1");
    try (MDC.MDCCloseable closeable = MDC.putCloseable("step", "pay")) {
      log.info("inside");
    }
    log.info("after");
    MDC.remove("request_id");

    assertThat(logs.line("inside").formatted()).endsWith("{request_id=req-1, step=pay} inside");
    assertThat(logs.line("after").mdc()).isEqualTo(Map.of("request_id", "req-1"));
  }

  @Test
  void an_async_appender_writes_the_values_of_the_moment_of_logging() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("async-orders");
    ListAppender<ILoggingEvent> target = new ListAppender<>();
    target.setContext(logger.getLoggerContext());
    target.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(logger.getLoggerContext());
    async.addAppender(target);
    async.start();
    logger.addAppender(async);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    try {
      MDC.put("request_id", "req-1");
      logger.info("first");
      MDC.put("request_id", "req-2");
      logger.info("second");
      MDC.clear();
      logger.info("third");
    } finally {
      async.stop(); // drains the queue into the target before returning
      logger.detachAppender(async);
      logger.setAdditive(true);
      logger.setLevel(null);
    }
    List<Map<String, String>> seen = new ArrayList<>();
    for (ILoggingEvent event : target.list) {
      seen.add(new HashMap<>(event.getMDCPropertyMap()));
    }
    assertThat(seen)
        .containsExactly(Map.of("request_id", "req-1"), Map.of("request_id", "req-2"), Map.of());
  }

  @Test
  void a_thousand_threads_each_keep_their_own_mdc() throws Exception {
    int threads = 1_000;
    CountDownLatch allPut = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String own = "t-" + t;
      Thread thread = new Thread(() -> {
        MDC.put("who", own);
        MDC.put("also", own);
        allPut.countDown();
        try {
          if (!release.await(60, TimeUnit.SECONDS)) {
            wrong.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          wrong.incrementAndGet();
        }
        MDC.remove("also");
        if (!own.equals(MDC.get("who")) || MDC.get("also") != null) {
          wrong.incrementAndGet();
        }
        log.info(own);
        MDC.clear();
      }, "iso-" + t);
      started.add(thread);
      thread.start();
    }
    assertThat(allPut.await(60, TimeUnit.SECONDS)).isTrue();
    release.countDown(); // every thread holds its map at this point
    for (Thread thread : started) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertThat(wrong).hasValue(0);
    for (int t = 0; t < threads; t++) {
      assertThat(logs.line("t-" + t).mdc()).isEqualTo(Map.of("who", "t-" + t));
    }
    assertThat(MDC.get("who")).as("nothing reached the test thread").isNull();
  }
}
