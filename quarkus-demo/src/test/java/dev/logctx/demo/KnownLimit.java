package dev.logctx.demo;

import java.util.EnumSet;
import java.util.Set;

/**
 * The known limit of logctx inside Quarkus 3.33 today, left to the issue on copy semantics inside
 * Quarkus: the injected {@code ManagedExecutor} and Fault Tolerance {@code @Asynchronous} run their
 * task on the request's own Vert.x duplicated context, so the task reads the request's MDC map
 * itself, not a copy. When the request closes its scopes (the resource's {@code user_id}, the
 * response filter's {@code request_id}) just as such a task logs, that line loses those keys. It
 * never shows another request's keys.
 */
final class KnownLimit {
  private KnownLimit() {}

  /** The follow-ups that run on the request's own Vert.x duplicated context. */
  static final Set<FollowUp> SHARING_THE_REQUEST_MDC =
      EnumSet.of(FollowUp.EXECUTOR, FollowUp.ASYNC_BEAN);
}
