package dev.logctx.benchmarks;

import com.alibaba.ttl.TransmittableThreadLocal.Transmitter;
import com.alibaba.ttl.TransmittableThreadLocal.Transmitter.Transmittee;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Contender (g): TransmittableThreadLocal. TTL carries thread-local state it does not own through
 * a {@link Transmittee} registered once (its capture, replay, restore extension point); {@code
 * TtlRunnable.get(task)} then captures it with every other transmittee on the caller and replays
 * and restores it around the task. Capture and backup are MDC copies, as with the hand-written
 * copy; an empty map stands for "no MDC".
 */
final class MdcTransmittee implements Transmittee<Map<String, String>, Map<String, String>> {
  private static final MdcTransmittee INSTANCE = new MdcTransmittee();

  private MdcTransmittee() {}

  /** Registers the transmittee with TTL; idempotent (TTL keeps a set). */
  static void register() {
    Transmitter.registerTransmittee(INSTANCE);
  }

  @Override
  public Map<String, String> capture() {
    Map<String, String> copy = MDC.getCopyOfContextMap();
    return copy == null ? Map.of() : copy;
  }

  @Override
  public Map<String, String> replay(Map<String, String> captured) {
    Map<String, String> backup = capture();
    install(captured);
    return backup;
  }

  @Override
  public Map<String, String> clear() {
    return replay(Map.of());
  }

  @Override
  public void restore(Map<String, String> backup) {
    install(backup);
  }

  private static void install(Map<String, String> entries) {
    if (entries.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(entries);
    }
  }
}
