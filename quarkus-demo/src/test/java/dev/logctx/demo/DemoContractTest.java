package dev.logctx.demo;

import static org.awaitility.Awaitility.await;

import dev.logctx.testsupport.DemoContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The interface all three demos share ({@link DemoContract}), on the Quarkus demo. */
@QuarkusTest
class DemoContractTest extends WithCapturedLog implements DemoContract {
  @Override
  public URI demoUri(String path) {
    return URI.create("http://localhost:" + RestAssured.port + path);
  }

  @Override
  public List<Line> awaitDemoLines(Predicate<Line> which, int count, Duration timeout) {
    return await()
        .atMost(timeout)
        .until(
            () ->
                log.lines().stream()
                    .map(line -> new Line(line.requestId(), line.userId(), line.thread(), line.message()))
                    .filter(which)
                    .toList(),
            lines -> lines.size() >= count);
  }

  @Override
  public Set<String> demoOrderMessages() {
    Set<String> messages =
        Arrays.stream(FollowUp.values()).map(FollowUp::logLine).collect(Collectors.toSet());
    messages.add("order received");
    return messages;
  }
}
