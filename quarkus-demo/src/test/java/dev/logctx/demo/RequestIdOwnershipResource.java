package dev.logctx.demo;

import dev.logctx.jaxrs.RequestIdFilter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only endpoints for {@link RequestIdOwnershipTest}: one served on a worker thread (the
 * default), one on the event loop ({@code @NonBlocking}). Each logs {@code "request-id-ownership:
 * <id> handled"}. Lives in the test sources; not part of the demo service.
 */
@Path("/request-id-ownership")
public class RequestIdOwnershipResource {
  static final String PREFIX = "request-id-ownership: ";

  private static final Logger log = LoggerFactory.getLogger(RequestIdOwnershipResource.class);

  /** Served on a worker thread. */
  @GET
  @Path("/blocking/{id}")
  public String blocking(@PathParam("id") String id) {
    log.info(PREFIX + "{} handled", id);
    return id;
  }

  /** Served on the event loop. */
  @GET
  @Path("/non-blocking/{id}")
  @NonBlocking
  public String nonBlocking(@PathParam("id") String id) {
    log.info(PREFIX + "{} handled", id);
    return id;
  }

  /**
   * Logs what the MDC holds just before {@code RequestIdFilter}'s request phase ({@code "<id>
   * before the filter"}) and just after its response phase ({@code "<id> after the filter"}): its
   * priority is lower, so it runs before it on the request and after it on the response. Only for
   * the paths of {@link RequestIdOwnershipResource}.
   */
  @Provider
  @PreMatching
  @Priority(RequestIdFilter.PRIORITY - 100)
  public static class AroundTheRequestIdFilter
      implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      String id = idOf(request);
      if (id != null) {
        log.info(PREFIX + "{} before the filter", id);
      }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      String id = idOf(request);
      if (id != null) {
        log.info(PREFIX + "{} after the filter", id);
      }
    }

    /** The last path segment of a request to this resource, else null. */
    private static String idOf(ContainerRequestContext request) {
      String path = request.getUriInfo().getPath();
      if (!path.startsWith("/request-id-ownership/")) {
        return null;
      }
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }
}
