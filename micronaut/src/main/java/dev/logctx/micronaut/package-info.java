/**
 * logctx on Micronaut 4: the {@link dev.logctx.PreserveContext @PreserveContext} advice, executor
 * beans that run each task in the MDC of its submission, Reactor pipelines whose subscribers run in
 * the MDC of their subscription, and the {@code X-Request-ID} server and client filters. Everything here is a bean that Micronaut finds by
 * itself; {@code logctx.micronaut.enabled=false} switches all of it off.
 */
@NullMarked
package dev.logctx.micronaut;

import org.jspecify.annotations.NullMarked;
