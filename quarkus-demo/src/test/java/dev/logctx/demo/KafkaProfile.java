package dev.logctx.demo;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The demo with its order-placed events on (off in the other tests, whose logs they would fill). */
public class KafkaProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("demo.order-events.enabled", "true");
  }
}
