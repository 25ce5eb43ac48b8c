package dev.logctx.jaxrs;

import dev.logctx.internal.RequestIdWriter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a request id: taken from the {@code X-Request-ID} header when it is
 * well-formed, generated otherwise; bound in the MDC as {@code request_id} while the request is
 * handled, and echoed in the response header.
 *
 * <pre>{@code
 * // Quarkus REST: nothing to do, the jar is indexed and the class is a @Provider.
 * // Any other runtime:
 * public class App extends Application {
 *   public Set<Object> getSingletons() {
 *     return Set.of(new RequestIdFilter(), new RequestIdClientFilter());
 *   }
 * }
 * }</pre>
 *
 * <p>The incoming value is used only if {@link RequestIds#isValid(CharSequence)} accepts it (1 to
 * 64 characters of {@code [A-Za-z0-9._:-]}); a missing, empty, too long or otherwise malformed
 * value is replaced by a {@linkplain RequestIds#generate() random id}, and the response carries
 * the id actually used. A refused value is never logged, not even in part; a DEBUG line on the
 * logger {@code dev.logctx.jaxrs.RequestIdFilter} says why it was refused.
 *
 * <p>The header name is {@value RequestIds#DEFAULT_HEADER}, or the one named by the system
 * property {@value RequestIds#HEADER_PROPERTY} when the filter is created with the no-argument
 * constructor, or the one given to {@link #RequestIdFilter(String)}.
 *
 * <p>The request filter is {@link PreMatching} with priority {@value #PRIORITY} (before
 * authentication), so that every later filter, the resource and the exception mappers log with
 * the id.
 *
 * <p><b>The filter owns the MDC key {@code request_id} and nothing else.</b> The request filter
 * puts that one key (replacing a value left there by earlier work) and records which id it put in
 * whose MDC. The response filter removes the key only where the request filter put it and only
 * while it still holds this request's id; it never puts back an earlier value and never touches
 * another key. Case by case:
 *
 * <ul>
 *   <li>Both phases on one thread: {@code request_id} is removed, every other key stays as the
 *       request left it.
 *   <li>A {@code request_id} found in the MDC when the request starts is replaced, and is not there
 *       after the request: putting it back would give an old request's id to whatever runs next on
 *       the thread.
 *   <li>If other code has put another {@code request_id} since the request phase, the response
 *       filter leaves it.
 *   <li>A request whose response filters never run (an exception that no mapper handles, a broken
 *       connection) leaves its id on the thread until the next request this filter serves there
 *       replaces it; nothing is ever restored, so that request's lines carry only its own id and it
 *       leaves no id behind.
 *   <li>A response filter on another thread (an asynchronous resource resumed elsewhere) leaves that
 *       thread's MDC exactly as it was. In a servlet container
 *       the request thread is cleaned when the container takes it back: {@link
 *       RequestThreadCleanupFilter}, registered by {@link RequestThreadCleanupInitializer} with no
 *       configuration, removes the id there, on that thread, if it still holds it. Without a
 *       servlet container, or with that filter switched off, the id stays on the request thread
 *       until the next request this filter serves there.
 *   <li>Whose MDC: the thread's, except in Quarkus, where the MDC of a request is one map kept in
 *       the request's Vert.x context and shared by the event loop and the worker thread that serve
 *       it; there the owner is that map, so the response filter of a blocking endpoint, on a worker
 *       thread, still removes the id. Vert.x is optional: without it the owner is the thread.
 * </ul>
 */
@Provider
@PreMatching
@Priority(RequestIdFilter.PRIORITY)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** The filter priority: {@value}, that is {@code Priorities.AUTHENTICATION - 100}. */
  public static final int PRIORITY = Priorities.AUTHENTICATION - 100;

  /** The request property that holds the request id in use (a {@code String}): {@value}. */
  public static final String REQUEST_ID_PROPERTY = "dev.logctx.jaxrs.request-id";

  /**
   * The request property that holds this filter's {@link Binding} for the request: the id it put
   * into the MDC and the owner it put it in. Not API.
   */
  static final String BINDING_PROPERTY = "dev.logctx.jaxrs.binding";

  /**
   * The request property (in a servlet container: the request attribute) where {@link
   * RequestThreadCleanupFilter} leaves the {@link RequestThreadSlot} that this filter records its
   * binding in. Not API.
   */
  static final String REQUEST_THREAD_PROPERTY = "dev.logctx.jaxrs.request-thread";

  private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

  private final String header;

  /**
   * A filter on the header named by the system property {@value RequestIds#HEADER_PROPERTY}, or
   * {@value RequestIds#DEFAULT_HEADER}.
   *
   * @throws IllegalArgumentException if the property is set to something that is not a header
   *     name
   */
  public RequestIdFilter() {
    this(RequestIds.configuredHeader());
  }

  /**
   * A filter on the header {@code headerName}.
   *
   * @param headerName the header that carries the request id in both directions
   * @throws NullPointerException if {@code headerName} is null
   * @throws IllegalArgumentException if it is not an HTTP header name
   */
  public RequestIdFilter(String headerName) {
    this.header = RequestIds.requireHeaderName(headerName);
  }

  /**
   * The header this filter reads and writes.
   *
   * @return the header name
   */
  public String headerName() {
    return header;
  }

  /**
   * Chooses the request id, puts it into the MDC as {@code request_id} (that one key, replacing a
   * value left there by earlier work) and records for the response filter which id it put where.
   *
   * <p>Run again for the same request while its id is still in place in this MDC (the filter
   * registered twice), it changes nothing. Run again after the id left the MDC (a servlet
   * container's {@code ERROR} dispatch to an error page, after {@link RequestThreadCleanupFilter}
   * cleaned the first dispatch), it puts the id chosen the first time back, so the error page logs
   * the id of the request it reports.
   *
   * @param request the request
   */
  @Override
  public void filter(ContainerRequestContext request) {
    @Nullable String refused = null;
    @Nullable String received = null;
    String id;
    if (request.getProperty(BINDING_PROPERTY) instanceof Binding earlier) {
      if (earlier.isInPlace()) {
        return; // bound for this request, here, and still in place (the filter is registered twice)
      }
      // A later dispatch of the same request (a servlet container's ERROR dispatch to an error page)
      // after its id left the MDC: the same request, so the same id.
      id = earlier.id();
    } else {
      received = request.getHeaderString(header);
      refused = RequestIds.rejection(received);
      id = refused == null && received != null ? received : RequestIds.generate();
    }
    RequestIdWriter.put(id);
    // The owner is read after the put: in Quarkus the put is what creates the request's MDC map.
    Binding binding = new Binding(id, MdcOwner.current());
    request.setProperty(BINDING_PROPERTY, binding);
    if (request.getProperty(REQUEST_THREAD_PROPERTY) instanceof RequestThreadSlot slot) {
      slot.record(binding); // a servlet container: released when the container takes the thread back
    }
    request.setProperty(REQUEST_ID_PROPERTY, id);
    if (refused != null && received != null && log.isDebugEnabled()) {
      // The reason only: the received value is attacker-controlled and is never logged.
      log.debug("Refused the {} header ({}); using a generated request id", header, refused);
    }
  }

  /**
   * Echoes the request id in the response header, and removes {@code request_id} from the MDC if
   * this runs where the request filter put it and the MDC still holds this request's id.
   *
   * @param request the request
   * @param response the response
   */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(REQUEST_ID_PROPERTY);
    if (id instanceof String) {
      response.getHeaders().putSingle(header, id);
    }
    Object binding = request.getProperty(BINDING_PROPERTY);
    if (binding instanceof Binding) {
      request.removeProperty(BINDING_PROPERTY);
      ((Binding) binding).release();
    }
  }

  @Override
  public String toString() {
    return "RequestIdFilter{header=" + header + "}";
  }

  /**
   * The id the request filter put into the MDC, and the owner of the MDC it put it in (see {@link
   * MdcOwner}). Nothing is saved to put back later: the filter owns its key only while that key
   * holds its own value.
   *
   * @param id the request id put into the MDC
   * @param owner whose MDC it was put in
   */
  record Binding(String id, Object owner) {
    /**
     * Removes the id from the MDC when called in the MDC it was put in and the key still holds
     * it; anywhere else, or when other code has put another value there since, changes nothing.
     */
    void release() {
      if (!isHere()) {
        return; // another thread's MDC: not this filter's to change
      }
      RequestIdWriter.removeIfHeld(id);
    }

    /** Whether the calling code's MDC is the one the id was put in. */
    private boolean isHere() {
      return owner == MdcOwner.current();
    }

    /** Whether the calling code's MDC is the one the id was put in, and the key still holds it. */
    boolean isInPlace() {
      return isHere() && RequestIdWriter.holds(id);
    }

    @Override
    public String toString() {
      // The owner may be a map another thread is writing to: named, never printed.
      return "Binding{id="
          + id
          + ", owner="
          + owner.getClass().getSimpleName()
          + "@"
          + Integer.toHexString(System.identityHashCode(owner))
          + "}";
    }
  }
}
