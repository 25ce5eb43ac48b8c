package dev.logctx.demo.micronaut;

import dev.logctx.testsupport.DemoContract;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The interface all three demos share ({@link DemoContract}), on the started Micronaut demo. */
class DemoContractIT implements DemoContract {

  @Override
  public URI demoUri(String path) {
    return server().uri(path);
  }

  @Override
  public List<Line> awaitDemoLines(Predicate<Line> which, int count, Duration timeout) {
    return server()
        .awaitLines(line -> which.test(asContractLine(line)), count, timeout)
        .stream()
        .map(DemoContractIT::asContractLine)
        .toList();
  }

  @Override
  public Set<String> demoOrderMessages() {
    return Set.copyOf(OrderClient.ORDER_LINES);
  }

  private static Line asContractLine(LogLine line) {
    return new Line(line.requestId(), line.userId(), line.thread(), line.message());
  }

  private static DemoServer server() {
    try {
      return DemoServer.shared();
    } catch (IOException e) {
      throw new IllegalStateException("the demo did not start", e);
    }
  }
}
