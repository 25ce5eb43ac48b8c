package dev.logctx.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binds the request id in the MDC for a span of work (not API): the one writer that every edge of
 * logctx uses (the Jakarta REST filters, Micronaut's server filter and its propagated element, a
 * message consumer), under the key {@value RequestIdRules#MDC_KEY} of {@link RequestIdRules}.
 *
 * <p>Ownership (rule 9): an edge owns that one key only while it holds the edge's own id. {@link
 * #put(String)} replaces whatever value was there; {@link #removeIfHeld(String)} removes the key
 * only while it still holds that id, and nothing ever puts back a value left by earlier work. No
 * other key is read or written.
 *
 * <p>It reads and writes through logctx's MDC access ({@link MdcKeys}), which finishes SLF4J's
 * initialisation before the first access (rule 8). Nothing here throws into the edge (rule 7): a
 * failure of the MDC adapter is handled by {@link MdcFailures} (step {@code REQUEST_ID}, logged
 * once) and the request goes on — without the id where it could not be put; where the key could
 * not be read before a removal, it is removed anyway, since a missing id is better than a wrong
 * one on the next work of the thread (rule 11). Only a {@link VirtualMachineError} is thrown on.
 */
public final class RequestIdWriter {
  private static final String KEY = RequestIdRules.MDC_KEY;

  private RequestIdWriter() {}

  /**
   * Puts {@code id} under the request-id key of the calling code's MDC, replacing a value left
   * there by earlier work.
   *
   * @param id the request id
   * @throws NullPointerException if {@code id} is null
   */
  public static void put(String id) {
    Objects.requireNonNull(id, "id");
    try {
      MdcKeys.access().put(KEY, id);
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.REQUEST_ID, e);
    }
  }

  /**
   * Whether the request-id key of the calling code's MDC holds {@code id}.
   *
   * @param id the request id
   * @return true when it does; false when it holds another value or none, or cannot be read
   */
  public static boolean holds(String id) {
    return id.equals(current());
  }

  /**
   * Removes the request-id key from the calling code's MDC if it still holds {@code id}; leaves a
   * value that other code has put there since alone, and never puts back an earlier value.
   *
   * @param id the request id this edge put
   */
  public static void removeIfHeld(String id) {
    @Nullable String now;
    try {
      now = MdcKeys.access().get(KEY);
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.REQUEST_ID, e);
      remove(); // whose value it is cannot be told: missing rather than possibly stale
      return;
    }
    if (id.equals(now)) {
      remove();
    }
  }

  /**
   * The request id in the calling code's MDC, as an outbound call forwards it.
   *
   * @return the value of the request-id key; null when there is none or it cannot be read
   */
  public static @Nullable String current() {
    try {
      return MdcKeys.access().get(KEY);
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.REQUEST_ID, e);
      return null;
    }
  }

  private static void remove() {
    try {
      MdcKeys.access().remove(KEY);
    } catch (RuntimeException | Error e) {
      MdcFailures.failed(MdcFailures.Step.REQUEST_ID, e);
    }
  }
}
