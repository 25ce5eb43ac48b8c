package dev.logctx;

/**
 * A debugging aid that reports misused {@linkplain Scope scopes}, in the spirit of OpenTelemetry's
 * strict context storage. Off by default; switch it on with {@code -Dlogctx.strict=true} or
 * {@link #enable()} in tests and development.
 *
 * <p>While it is on, logctx reports, as an {@code ERROR} of the SLF4J logger {@code
 * dev.logctx.StrictMode} carrying the stack trace of the place where the scope was opened:
 *
 * <ul>
 *   <li>a scope closed on another thread than the one that opened it. Strict mode on or off, such
 *       a close changes nothing on the closing thread (restoring there would put the opening
 *       thread's MDC on it) and leaves the scope open: the opening thread keeps the scope's
 *       context until the scope is closed on it;
 *   <li>a scope closed while scopes opened after it on the same thread are still open (out of
 *       order: the thread would end up with the wrong MDC);
 *   <li>a scope that was never closed, found when it is garbage-collected (its context stays on
 *       the thread that opened it: the leak this library exists to prevent).
 * </ul>
 *
 * <p>Nothing is ever thrown. Correct use is silent. When strict mode is off, scopes cost exactly
 * what they cost without it: one read of a flag. Strict mode keeps a record of each open checked
 * scope (with its stack trace) only until the scope is closed on its thread or reported as never
 * closed, so a long-lived pooled thread that leaks scopes does not accumulate their records.
 *
 * <pre>{@code
 * StrictMode.enable();
 * Scope scope = LogContext.bind("request_id", "req-1");
 * // ... forgot scope.close(): reported once the scope is garbage-collected
 * }</pre>
 */
public final class StrictMode {
  static volatile boolean enabled = Boolean.getBoolean("logctx.strict");

  private StrictMode() {}

  /**
   * Whether scopes opened from now on are checked.
   *
   * @return true when strict mode is on
   */
  public static boolean isEnabled() {
    return enabled;
  }

  /** Checks every scope opened from now on. */
  public static void enable() {
    enabled = true;
  }

  /** Stops checking scopes opened from now on; scopes already open stay checked. */
  public static void disable() {
    enabled = false;
  }
}
