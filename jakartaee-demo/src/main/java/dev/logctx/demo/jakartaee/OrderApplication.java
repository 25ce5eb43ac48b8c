package dev.logctx.demo.jakartaee;

import dev.logctx.jaxrs.RequestIdFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS application at the root of the WAR. It lists its classes, logctx-jaxrs's {@link
 * RequestIdFilter} among them: the portable way, which every Jakarta REST runtime honours. (On
 * Payara Micro 6 and 7 an {@code Application} that lists nothing finds the filter inside {@code
 * WEB-INF/lib} by scanning too; see docs/jakartaee.md.)
 */
@ApplicationPath("/")
public class OrderApplication extends Application {

  /** The resources, the request-id filter and an application filter that runs before it. */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        RequestIdFilter.class,
        EarlyRequestFilter.class,
        OrderResource.class,
        AsyncResource.class,
        InventoryResource.class,
        ControlResource.class,
        HealthResource.class);
  }
}
