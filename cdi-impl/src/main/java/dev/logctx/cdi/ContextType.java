package dev.logctx.cdi;

/** The thread context type name both providers report. */
final class ContextType {
  /** The type name unless {@link #PROPERTY} says otherwise. */
  static final String DEFAULT = "LogContext";

  /** The system property that overrides the type name. */
  static final String PROPERTY = "logctx.context-type";

  private ContextType() {}

  /**
   * The type name in force now: the system property when it is set and not blank, else {@link
   * #DEFAULT}.
   */
  static String configured() {
    String configured;
    try {
      configured = System.getProperty(PROPERTY);
    } catch (SecurityException e) {
      return DEFAULT;
    }
    return configured == null || configured.isBlank() ? DEFAULT : configured.strip();
  }
}
