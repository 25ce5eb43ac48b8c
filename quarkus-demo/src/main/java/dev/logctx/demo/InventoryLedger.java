package dev.logctx.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Request-ID} values the inventory endpoint received, as sent on the wire: lets a test
 * check on the server side that the client filter forwarded the caller's id.
 */
@ApplicationScoped
public class InventoryLedger {
  private final List<String> received = new CopyOnWriteArrayList<>();

  void record(@Nullable String requestIdHeader) {
    received.add(requestIdHeader == null ? "<absent>" : requestIdHeader);
  }

  /** Every header value received so far ({@code <absent>} for a call without it). */
  public List<String> received() {
    return List.copyOf(received);
  }
}
