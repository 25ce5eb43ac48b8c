package dev.logctx.micronaut;

import dev.logctx.internal.RequestIdWriter;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.jspecify.annotations.Nullable;

/**
 * The request id of one request, as an element of Micronaut's propagated context: wherever
 * Micronaut runs the request's work in its propagated context (the event loop, an {@code
 * @ExecuteOn} executor, its instrumented executors), {@code request_id} is in the MDC.
 *
 * <p>Ownership: it puts that one key and nothing else. When the scope ends it removes the key
 * only where it still holds this request's id, and never puts back a value left there by earlier
 * work; inside a scope of the same id (Micronaut nests them) it leaves the key to the outer scope.
 * Not API: the {@link RequestIdServerFilter} adds it.
 */
final class RequestIdElement implements ThreadPropagatedContextElement<Boolean> {
  private final String id;

  RequestIdElement(String id) {
    this.id = id;
  }

  /** The request id this element binds. */
  String id() {
    return id;
  }

  /**
   * Puts the id into the MDC.
   *
   * @return whether the thread held this very id already (an outer scope of the same request)
   */
  @Override
  public Boolean updateThreadContext() {
    boolean nested = RequestIdWriter.holds(id);
    if (!nested) {
      RequestIdWriter.put(id);
    }
    return nested;
  }

  /**
   * Removes the id again, unless an outer scope of the same id holds it or other code has put
   * another value since.
   *
   * @param nested what {@link #updateThreadContext()} returned (Micronaut declares it nullable;
   *     null counts as not nested)
   */
  @Override
  public void restoreThreadContext(@Nullable Boolean nested) {
    if (!Boolean.TRUE.equals(nested)) {
      RequestIdWriter.removeIfHeld(id);
    }
  }

  @Override
  public String toString() {
    return "RequestIdElement{" + id + "}";
  }
}
