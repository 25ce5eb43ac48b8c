package dev.logctx.internal;

import dev.logctx.LogContext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The bridge (not API) through which logctx's modules read and write single keys of the MDC
 * without naming SLF4J's {@code MDC}: the package-private {@code dev.logctx.MdcAccess}, the only
 * code of logctx that touches the MDC, installs its single-key access here as it initialises.
 * Getting the access initialises {@code MdcAccess} first, and with it SLF4J (rule 8), so no caller
 * can reach the MDC before SLF4J has finished starting.
 */
public final class MdcKeys {

  /** Single-key operations on the calling thread's MDC, as SLF4J's {@code MDCAdapter} has them. */
  public interface Access {
    /**
     * The value of {@code key} in the calling thread's MDC.
     *
     * @param key the key
     * @return its value, or null when the key is absent
     */
    @Nullable String get(String key);

    /**
     * Puts {@code value} under {@code key}, replacing what was there; no other key changes.
     *
     * @param key the key
     * @param value the value
     */
    void put(String key, String value);

    /**
     * Removes {@code key}; no other key changes.
     *
     * @param key the key
     */
    void remove(String key);
  }

  private static final AtomicReference<@Nullable Access> INSTALLED = new AtomicReference<>();

  private MdcKeys() {}

  /**
   * Installs the single-key access; {@code MdcAccess} calls it once, as it initialises.
   *
   * @param access the access
   * @throws IllegalStateException when an access is installed already
   */
  public static void install(Access access) {
    Objects.requireNonNull(access, "access");
    if (!INSTALLED.compareAndSet(null, access)) {
      throw new IllegalStateException("the MDC's single-key access is installed already");
    }
  }

  /**
   * The single-key access of logctx, after SLF4J has finished its initialisation.
   *
   * @return the access
   */
  public static Access access() {
    return Initialised.ACCESS;
  }

  /** Holds the access once {@code MdcAccess} has initialised: the JVM does that once, first. */
  private static final class Initialised {
    static final Access ACCESS = initialise();

    private static Access initialise() {
      // MdcAccess is package-private in dev.logctx: initialising it by name is the one way to
      // reach it from here that adds no public API. Its initialisation installs the access.
      String owner = LogContext.class.getPackageName() + ".MdcAccess";
      try {
        Class.forName(owner, true, MdcKeys.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("logctx-api is incomplete: " + owner + " is missing", e);
      }
      Access installed = INSTALLED.get();
      if (installed == null) {
        throw new IllegalStateException(owner + " installed no single-key access");
      }
      return installed;
    }
  }
}
