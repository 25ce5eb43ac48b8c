package dev.logctx.cdi;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for Quarkus' Fault Tolerance {@code @Asynchronous} at Jakarta {@code @Asynchronous}'s
 * priority: the rest of the call runs on one reused pool thread that Vert.x dispatches onto the
 * caller's context (so a request and its task share that context, as in Quarkus). The caller waits
 * for the result, which keeps the tests simple.
 */
@OnCallersVertxContext
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 5)
public class OnCallersVertxContextInterceptor {
  static final ExecutorService POOL = Workers.singleThread("on-callers-vertx-context");

  @AroundInvoke
  Object runElsewhere(InvocationContext invocation) throws Exception {
    ContextInternal callers = (ContextInternal) Vertx.currentContext();
    Future<Object> result =
        POOL.submit(
            () -> {
              ContextInternal previous = callers == null ? null : callers.beginDispatch();
              try {
                return invocation.proceed();
              } finally {
                if (callers != null) {
                  callers.endDispatch(previous);
                }
              }
            });
    return result.get(10, TimeUnit.SECONDS);
  }
}
