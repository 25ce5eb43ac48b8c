package dev.logctx.jaxrs;

import dev.logctx.internal.RequestIdWriter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Leaves the request thread of a servlet container without the request's id when the container
 * takes it back, also when the JAX-RS resource is asynchronous.
 *
 * <p>On a thread-per-request server (Jersey in Payara and GlassFish, RESTEasy Classic in WildFly)
 * an asynchronous resource ({@code @Suspended AsyncResponse}, a returned {@code CompletionStage})
 * is resumed on another thread, where {@link RequestIdFilter}'s response phase runs; that phase
 * must not touch the request thread's MDC, so without this filter the id stays on the request
 * thread, and whatever the thread logs next (the container, other servlets, a {@code PreMatching}
 * filter that runs before {@code RequestIdFilter}) carries the old request's id.
 *
 * <p>This filter wraps the rest of the chain. When the chain returns, on the request thread, it
 * removes {@code request_id} from that thread's MDC if {@link RequestIdFilter} put it there for this
 * request and the key still holds that id. When the response phase already ran on the request
 * thread (a synchronous resource) the id is gone already and the filter changes nothing there.
 *
 * <p>Before the chain runs it removes a {@code request_id} the request thread already holds: this
 * request's id is chosen later, by {@link RequestIdFilter}, so a value there can only be another
 * request's. That happens on a server whose MDC is inheritable (JBoss LogManager's, in WildFly): a
 * new request thread, started by a thread that was running a request's work (the managed executor
 * task that resumes an asynchronous response), begins with a copy of that request's MDC.
 *
 * <p>It touches no other key and no other thread, and never puts back an earlier value.
 *
 * <p>It needs no configuration: {@link RequestThreadCleanupInitializer} registers it for every
 * request of the web application whose {@code WEB-INF/lib} holds this jar. Where that
 * initializer does not run (an application that excludes this jar from its web fragments with
 * {@code <absolute-ordering>}), declare the filter in {@code web.xml}, mapped to {@code /*} for the
 * {@code REQUEST} and {@code ERROR} dispatches, with {@code <async-supported>true</async-supported>}:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>logctx-request-thread-cleanup</filter-name>
 *   <filter-class>dev.logctx.jaxrs.RequestThreadCleanupFilter</filter-class>
 *   <async-supported>true</async-supported>
 * </filter>
 * <filter-mapping>
 *   <filter-name>logctx-request-thread-cleanup</filter-name>
 *   <url-pattern>/*</url-pattern>
 *   <dispatcher>REQUEST</dispatcher>
 *   <dispatcher>ERROR</dispatcher>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Each dispatch it wraps is cleaned on its own: an {@code ERROR} dispatch to an error page that
 * the JAX-RS runtime serves (after an exception no mapper handled, or a {@code sendError}) gets the
 * request's id from {@link RequestIdFilter} again, and its thread is cleaned when that dispatch
 * returns, also when the error page is asynchronous. A dispatch that does not pass this filter
 * (one declared for {@code REQUEST} only) keeps the id on its thread until the next request
 * {@link RequestIdFilter} serves there.
 *
 * <p>Registered twice, the inner one passes the request on and only the outer one cleans.
 */
public final class RequestThreadCleanupFilter implements Filter {

  /** The filter; servlet containers create it with this constructor. */
  public RequestThreadCleanupFilter() {}

  /**
   * Removes a request id this thread holds before the request chose one, runs the rest of the
   * chain, then, on this thread, removes the id that {@link RequestIdFilter} put into this thread's
   * MDC for this request, if the key still holds it.
   *
   * @param request the request
   * @param response the response
   * @param chain the rest of the chain
   * @throws IOException as the chain throws it
   * @throws ServletException as the chain throws it
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(RequestIdFilter.REQUEST_THREAD_PROPERTY) != null) {
      chain.doFilter(request, response); // an outer instance of this filter cleans
      return;
    }
    RequestThreadSlot slot = new RequestThreadSlot();
    request.setAttribute(RequestIdFilter.REQUEST_THREAD_PROPERTY, slot);
    removeAnotherRequestsId();
    try {
      chain.doFilter(request, response);
    } finally {
      release(request, slot);
    }
  }

  /** Removes {@code request_id} from this thread's MDC: no request has chosen it here yet. */
  private static void removeAnotherRequestsId() {
    @Nullable String left = RequestIdWriter.current();
    if (left != null) {
      RequestIdWriter.removeIfHeld(left); // never throws: a failing MDC adapter is reported once
    }
  }

  private static void release(ServletRequest request, RequestThreadSlot slot) {
    try {
      // A released slot does not stay in the attributes: a later dispatch of this request (ERROR)
      // gets a fresh one, and a dispatch that does not pass this filter finds none to record in.
      request.removeAttribute(RequestIdFilter.REQUEST_THREAD_PROPERTY);
    } catch (RuntimeException e) {
      // A container that fails here: the slot is still released below.
    }
    try {
      slot.release();
    } catch (RuntimeException e) {
      // An MDC adapter that fails: the chain's own outcome (its exception, if any) goes first, and
      // a cleanup never throws into the container.
    }
  }

  @Override
  public String toString() {
    return "RequestThreadCleanupFilter";
  }
}
