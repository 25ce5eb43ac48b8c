/**
 * Compile-time support for logctx on Micronaut: maps {@code @dev.logctx.PreserveContext} to
 * Micronaut AOP. Goes on the application's annotation processor path, after {@code
 * micronaut-inject-java}; the interceptors themselves are in {@code logctx-micronaut}.
 */
@NullMarked
package dev.logctx.micronaut.processor;

import org.jspecify.annotations.NullMarked;
