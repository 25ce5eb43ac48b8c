package dev.logctx.demo.jakartaee;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.jspecify.annotations.Nullable;

/**
 * One server per test class: started before the first test, always stopped after the last (also
 * when a test or the start fails).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningServer {
  /** logback's own MDC adapter: the one SLF4J uses when no {@code slf4j.provider} is named. */
  static final String LOGBACK_MDC_ADAPTER = "ch.qos.logback.classic.util.LogbackMDCAdapter";

  /** logctx-logback's MDC adapter, used with {@code -Dslf4j.provider=...LogctxLogbackServiceProvider}. */
  static final String LOGCTX_LOGBACK_MDC_ADAPTER = "dev.logctx.logback.SharedMapMdcAdapter";

  /** The WAR logs each span its tracer finished (the traced test reads them): {@value}. */
  static final String LOG_SPANS = "-Dlogctx.demo.log-spans=true";

  ServerProcess server;
  HttpClient http;

  /** The command that starts the server on HTTP port {@code port}. */
  abstract List<String> command(int port);

  /** Whether a line of the server's output says it is ready. */
  boolean isReadyLine(String line) {
    return line.contains(" ready in "); // Payara Micro: "Payara Micro 6.2025.10 (build 42) ready in 15,973 (ms)"
  }

  /** A short name: the log is {@code target/<name>-server.log}. */
  abstract String name();

  /** The follow-ups the WAR on this server runs. */
  abstract Set<FollowUp> followUps();

  /** The messages one order logs: {@code order received} and one line per follow-up. */
  Set<String> orderMessages() {
    Set<String> messages = new HashSet<>();
    messages.add("order received");
    followUps().forEach(followUp -> messages.add(followUp.logLine()));
    return messages;
  }

  /** The follow-ups of the EE 10 WAR: all but the EE 11 virtual-thread executor. */
  static Set<FollowUp> ee10FollowUps() {
    return EnumSet.complementOf(EnumSet.of(FollowUp.VIRTUAL_EXECUTOR));
  }

  @BeforeAll
  void startServer() throws Exception {
    server = ServerProcess.start(this::command, this::isReadyLine, name());
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    System.out.printf(
        "[%s] server up (ready, /health 200) %d ms after start; log %s%n",
        name(), server.millisSinceStart(), server.logFile());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Checks the one line the demo logs at start-up ({@code AdapterLine}): it names {@code expected}
   * as its {@code mdc_adapter}, and there is exactly one such line.
   */
  void assertTheDemoRunsWithMdcAdapter(String expected) throws Exception {
    List<LogLine> lines =
        server
            .log()
            .await(
                new ServerLog.Mark(0, 0),
                line -> line.loggerName().endsWith(".AdapterLine"),
                1,
                Duration.ofSeconds(30));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).keyValues()).containsEntry("mdc_adapter", expected);
    System.out.printf("[%s] MDC adapter: %s%n", name(), lines.get(0).keyValues().get("mdc_adapter"));
  }

  /** Sends {@code POST /orders} with this request id and user. */
  CompletableFuture<HttpResponse<String>> order(String id, String user) {
    return order(id, user, null);
  }

  /** Sends {@code POST /orders} with this request id, user and {@code traceparent} (unless null). */
  CompletableFuture<HttpResponse<String>> order(String id, String user, @Nullable String traceparent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/orders"))
            .header("Content-Type", "application/json")
            .header("X-Request-ID", id)
            .timeout(Duration.ofSeconds(120))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"userId\":\"" + user + "\",\"item\":\"book\",\"quantity\":2}"));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends {@code POST /demo/controls} with this request id and user; waits for the answer (the
   * controls have all logged by then) and checks it is 200.
   */
  HttpResponse<String> runControls(String id, String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/demo/controls?user=" + user))
                .header("X-Request-ID", id)
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("POST /demo/controls answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  /**
   * Payara Micro {@code jar} deploying {@code war} at the root, on {@code java}, offline, the WAR
   * logging its spans.
   */
  static List<String> payaraMicro(String java, String jar, String war, int port) {
    return List.of(
        java,
        LOG_SPANS,
        "-jar",
        jar,
        "--deploy",
        war,
        "--contextroot",
        "/",
        "--nocluster",
        "--disablephonehome",
        "--prebootcommandfile",
        System.getProperty("logctx.it.preboot"),
        "--port",
        Integer.toString(port));
  }
}
