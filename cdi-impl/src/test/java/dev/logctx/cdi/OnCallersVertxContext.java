package dev.logctx.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs the method on a pool thread, on the caller's Vert.x context, as Quarkus' worker pool runs
 * Fault Tolerance {@code @Asynchronous} methods: see {@link OnCallersVertxContextInterceptor}.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface OnCallersVertxContext {}
