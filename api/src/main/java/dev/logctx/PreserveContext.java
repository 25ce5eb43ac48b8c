package dev.logctx;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs the annotated CDI bean method (or every business method of the annotated class) in the
 * logging context of its call site, whatever thread finally executes the method body.
 *
 * <p>The MDC is captured when the method
 * is <em>called</em>, attached on the thread where the body runs (for example after Jakarta
 * Concurrency or MicroProfile Fault Tolerance {@code @Asynchronous} moved the call to another
 * thread) and restored afterwards. A returned {@code CompletionStage} becomes a contextual future:
 * each dependent stage runs in the context of the thread that adds it (the caller's, for the
 * caller's stages). The caller's own MDC is the same after the call as before it.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Notifier {
 *   @PreserveContext
 *   @Asynchronous
 *   public CompletionStage<Void> notifyUser(String user) {
 *     log.info("notifying {}", user);   // carries the caller's request_id
 *     return CompletableFuture.completedFuture(null);
 *   }
 * }
 * }</pre>
 *
 * <p>This module holds only the annotation; the interceptors that serve it are in
 * {@code logctx-cdi}, which CDI containers (Weld, OpenWebBeans, Quarkus ArC) discover with no
 * configuration.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface PreserveContext {}
