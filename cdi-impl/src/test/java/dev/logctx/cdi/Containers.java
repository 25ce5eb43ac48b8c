package dev.logctx.cdi;

import jakarta.enterprise.inject.spi.Extension;
import org.jboss.weld.junit5.WeldInitiator;

/** How the CDI tests start Weld. */
final class Containers {
  private Containers() {}

  /**
   * Weld SE with real bean discovery: logctx-cdi's interceptors come from its {@code
   * META-INF/beans.xml} (in {@code target/classes}), Fault Tolerance from its jar, the test beans
   * from the tests' own {@code beans.xml}. Nothing is registered by hand.
   */
  static WeldInitiator withDiscovery() {
    return WeldInitiator.from(WeldInitiator.createWeld().enableDiscovery()).build();
  }

  /** The same, with {@code extension} added to what discovery finds. */
  static WeldInitiator withDiscovery(Extension extension) {
    return WeldInitiator.from(WeldInitiator.createWeld().enableDiscovery().addExtension(extension))
        .build();
  }
}
