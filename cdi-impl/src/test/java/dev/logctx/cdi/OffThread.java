package dev.logctx.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs the method on another thread, as Jakarta Concurrency's {@code @Asynchronous} does, at its
 * priority ({@code PLATFORM_BEFORE + 5}): see {@link OffThreadInterceptor}.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface OffThread {}
