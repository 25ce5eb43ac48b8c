package dev.logctx.jaxrs;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link RequestThreadCleanupFilter} in every web application whose {@code WEB-INF/lib}
 * holds this jar, with no configuration: servlet containers find this class through the jar's
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer} when the application starts.
 *
 * <p>The filter is mapped to {@code /*} for requests and error pages ({@code DispatcherType.REQUEST}
 * and {@code DispatcherType.ERROR}), before the filters that {@code web.xml} declares, and supports asynchronous requests. A filter that the
 * application already declared under the name {@value #FILTER_NAME} is left as it is.
 *
 * <p>The system property {@value #ENABLED_PROPERTY}{@code =false}, set before the application
 * starts, leaves the filter out: the request thread then keeps an asynchronous request's id until
 * the next request {@link RequestIdFilter} serves there.
 */
public final class RequestThreadCleanupInitializer implements ServletContainerInitializer {
  /** The system property that, set to {@code false}, leaves the filter out: {@value}. */
  public static final String ENABLED_PROPERTY = "logctx.jaxrs.request-thread-cleanup";

  /** The name the filter is registered under: {@value}. */
  public static final String FILTER_NAME = "logctx-request-thread-cleanup";

  private static final Logger log = LoggerFactory.getLogger(RequestThreadCleanupInitializer.class);

  /** The initializer; servlet containers create it with this constructor. */
  public RequestThreadCleanupInitializer() {}

  /**
   * Registers the filter, unless {@value #ENABLED_PROPERTY} is {@code false} or a filter of that
   * name exists. A container that refuses the registration gets a WARN line, never an exception.
   *
   * @param classes unused (the initializer handles no types)
   * @param context the web application starting
   */
  @Override
  public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) {
    if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "").trim())) {
      log.info(
          ENABLED_PROPERTY + "=false: request threads are not cleaned after asynchronous JAX-RS"
              + " requests");
      return;
    }
    try {
      FilterRegistration.Dynamic registration =
          context.addFilter(FILTER_NAME, new RequestThreadCleanupFilter());
      if (registration == null) {
        return; // the application declares a filter of this name itself
      }
      registration.setAsyncSupported(true);
      registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
    } catch (RuntimeException e) {
      log.warn(
          "Could not register "
              + FILTER_NAME
              + ": request threads keep an asynchronous request's id until the next request there",
          e);
    }
  }

  @Override
  public String toString() {
    return "RequestThreadCleanupInitializer";
  }
}
