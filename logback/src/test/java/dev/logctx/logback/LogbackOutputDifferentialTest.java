package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.net.server.HardenedLoggingEventInputStream;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What logback writes from the MDC is the same with logback's adapter and with ours: {@code %X},
 * {@code %X{key}}, the JSON encoder, and an event serialised for the socket appender and read back
 * by logback's hardened receiver. Two logger contexts, one per adapter, get the same MDC writes.
 */
class LogbackOutputDifferentialTest {
  private final LogbackMDCAdapter stockAdapter = new LogbackMDCAdapter();
  private final SharedMapMdcAdapter ourAdapter = new SharedMapMdcAdapter();
  private final LoggerContext stock = context(stockAdapter);
  private final LoggerContext ours = context(ourAdapter);

  @AfterEach
  void clear_both() {
    stockAdapter.clear();
    ourAdapter.clear();
  }

  private static LoggerContext context(LogbackMDCAdapter adapter) {
    LoggerContext context = new LoggerContext();
    context.setName("default");
    context.setMDCAdapter(adapter);
    context.start();
    return context;
  }

  private void onBoth(Consumer<LogbackMDCAdapter> writes) {
    writes.accept(stockAdapter);
    writes.accept(ourAdapter);
  }

  private static ILoggingEvent event(LoggerContext context) {
    return new LoggingEvent(
        LogbackOutputDifferentialTest.class.getName(),
        context.getLogger("orders"),
        Level.INFO,
        "placed",
        null,
        null);
  }

  private static String layout(LoggerContext context, String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(pattern);
    layout.start();
    return layout.doLayout(event(context));
  }

  private static Set<String> entriesOf(String listed) {
    return listed.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(listed.split(", ")));
  }

  @Test
  void percent_x_with_a_key_writes_the_same() {
    onBoth(a -> {
      a.put("request_id", "req-1");
      a.put("user_id", "u-7");
      a.remove("user_id");
    });
    for (String pattern : new String[] {"%X{request_id}", "%X{user_id}", "%X{user_id:-none}"}) {
      assertThat(layout(ours, pattern)).as(pattern).isEqualTo(layout(stock, pattern));
    }
    assertThat(layout(ours, "%X{request_id}")).isEqualTo("req-1");
  }

  @Test
  void percent_x_lists_the_same_entries_in_insertion_order() {
    onBoth(a -> {
      a.put("z", "1");
      a.put("a", "2");
      a.put("m", "3");
      a.put("a", "4");
    });
    assertThat(entriesOf(layout(ours, "%X"))).isEqualTo(entriesOf(layout(stock, "%X")));
    assertThat(layout(ours, "%X")).as("insertion order, not hash order").isEqualTo("z=1, a=4, m=3");

    onBoth(LogbackMDCAdapter::clear);
    assertThat(layout(ours, "[%X]")).isEqualTo(layout(stock, "[%X]")).isEqualTo("[]");
  }

  @Test
  void the_json_encoder_writes_the_same_mdc() {
    onBoth(a -> {
      for (int i = 0; i < 12; i++) {
        a.put("key" + i, "value \"" + i + "\"");
      }
    });
    assertThat(jsonMdc(ours)).isEqualTo(jsonMdc(stock)).contains("\"key11\":\"value\\\"11\\\"\"");
  }

  private static Set<String> jsonMdc(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    String json = new String(encoder.encode(event(context)), StandardCharsets.UTF_8);
    Matcher mdc = Pattern.compile("\"mdc\": ?\\{([^}]*)\\}").matcher(json);
    assertThat(mdc.find()).as("an mdc object in %s", json).isTrue();
    Set<String> entries = new HashSet<>();
    for (String entry : mdc.group(1).split(",(?=\")")) {
      entries.add(entry.replace(" ", "")); // spacing is the encoder's, not the MDC's
    }
    return entries;
  }

  @Test
  void an_event_sent_by_the_socket_appender_is_read_by_logbacks_hardened_receiver() throws Exception {
    onBoth(a -> {
      a.put("request_id", "req-1");
      a.put("user_id", null);
    });
    assertThat(throughTheSocket(ours)).isEqualTo(throughTheSocket(stock));
  }

  private static Object throughTheSocket(LoggerContext context) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(LoggingEventVO.build(event(context)));
    }
    try (HardenedLoggingEventInputStream in =
        hardenedReceiverStream(context, new ByteArrayInputStream(bytes.toByteArray()))) {
      ILoggingEvent received = (ILoggingEvent) in.readObject();
      return received.getMDCPropertyMap();
    }
  }

  /**
   * logback's hardened receiver stream, built the way the logback under test builds it: 1.5.38
   * and 1.6.6 take the logger context with the stream, 1.5.18 the stream alone.
   */
  private static HardenedLoggingEventInputStream hardenedReceiverStream(
      LoggerContext context, InputStream bytes) throws ReflectiveOperationException {
    try {
      return HardenedLoggingEventInputStream.class
          .getConstructor(LoggerContext.class, InputStream.class)
          .newInstance(context, bytes);
    } catch (NoSuchMethodException olderLogback) {
      return HardenedLoggingEventInputStream.class
          .getConstructor(InputStream.class)
          .newInstance(bytes);
    }
  }
}
