package dev.logctx.demo.jakartaee;

import dev.logctx.jaxrs.RequestIdFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS application at the root of the WAR. It lists its classes, logctx-jaxrs's {@link
 * RequestIdFilter} among them: a server that scans the WAR for {@code @Provider}s would not look
 * inside {@code WEB-INF/lib} jars without an index, so the filter is named here.
 */
@ApplicationPath("/")
public class OrderApplication extends Application {

  /** The resources and the request-id filter. */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        RequestIdFilter.class,
        OrderResource.class,
        InventoryResource.class,
        ControlResource.class,
        HealthResource.class);
  }
}
