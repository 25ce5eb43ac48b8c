/**
 * Jakarta REST (JAX-RS) filters that give every request a request id in the MDC and forward it on
 * outbound calls.
 *
 * <p>{@link dev.logctx.jaxrs.RequestIdFilter} takes the id from the incoming {@code X-Request-ID}
 * header when it is well-formed (see {@link dev.logctx.jaxrs.RequestIds#isValid(CharSequence)}),
 * generates one otherwise, binds it in the MDC as {@code request_id} for the request and echoes it
 * in the response. {@link dev.logctx.jaxrs.RequestIdClientFilter} copies the current {@code
 * request_id} into the same header of outbound JAX-RS and MicroProfile REST Client calls. Both are
 * {@code @Provider}s and the jar carries a Jandex index, so Quarkus REST picks them up from the
 * classpath; other runtimes register them like any provider.
 *
 * <p>In a servlet container, {@link dev.logctx.jaxrs.RequestThreadCleanupFilter}, registered by the
 * jar's {@link dev.logctx.jaxrs.RequestThreadCleanupInitializer} with no configuration, leaves the
 * request thread without the request's id when the container takes it back, also after an
 * asynchronous resource. Only these two classes need the servlet API.
 */
@NullMarked
package dev.logctx.jaxrs;

import org.jspecify.annotations.NullMarked;
