package dev.logctx.micronaut;

/**
 * The names logctx-micronaut's beans share: the off switch and the order of the two advice
 * interceptors around Micronaut's {@code AsyncInterceptor} ({@code InterceptPhase.ASYNC}, -40).
 */
public final class LogctxMicronaut {
  /**
   * The configuration property that switches every bean of logctx-micronaut off when set to
   * {@code false}: {@value}; then the application context holds none of them. Unset or any other
   * value: on.
   */
  public static final String ENABLED_PROPERTY = "logctx.micronaut.enabled";

  /**
   * The configuration property that switches only the Kafka beans off when set to {@code false}:
   * {@value}; then micronaut-kafka's consumers and producers are configured as the application
   * configured them, without logctx's interceptors.
   */
  public static final String KAFKA_ENABLED_PROPERTY = "logctx.micronaut.kafka.enabled";

  /**
   * The order of {@link PreserveContextCallSiteInterceptor}: {@value}, before Micronaut's {@code
   * InterceptPhase.VALIDATE} (-120) and {@code ASYNC} (-40), so it runs on the calling thread.
   */
  public static final int CALL_SITE_ORDER = -220;

  /**
   * The order of {@link PreserveContextBodyInterceptor}: {@value}, right after {@code
   * InterceptPhase.ASYNC} (-40), so it runs on the thread that runs the method body.
   */
  public static final int BODY_ORDER = -39;

  private LogctxMicronaut() {}
}
