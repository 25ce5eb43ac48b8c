/**
 * logctx for CDI and the Jakarta EE / MicroProfile concurrency specifications.
 *
 * <ul>
 *   <li>{@link dev.logctx.cdi.LogContextProvider}: the SLF4J MDC as a MicroProfile Context
 *       Propagation thread context (type {@code "LogContext"}), so {@code ManagedExecutor} and
 *       {@code ThreadContext} carry it.
 *   <li>{@link dev.logctx.cdi.JakartaLogContextProvider}: the same for Jakarta Concurrency 3.
 *   <li>{@link dev.logctx.cdi.PreserveContextCallSiteInterceptor} and {@link
 *       dev.logctx.cdi.PreserveContextBodyInterceptor}: the two interceptors that serve {@link
 *       dev.logctx.PreserveContext}.
 * </ul>
 *
 * <p>All of them are found with no configuration: the providers through {@code
 * META-INF/services}, the interceptors through {@code META-INF/beans.xml} and the jar's Jandex
 * index. Each part needs only its own framework on the class path.
 */
@NullMarked
package dev.logctx.cdi;

import org.jspecify.annotations.NullMarked;
