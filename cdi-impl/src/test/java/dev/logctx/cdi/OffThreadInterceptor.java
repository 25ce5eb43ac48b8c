package dev.logctx.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * A stand-in for Jakarta Concurrency's {@code @Asynchronous} interceptor, at the same priority: the
 * rest of the call runs on one reused pool thread, and the caller gets a future that completes as
 * the method's returned stage does.
 */
@OffThread
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 5)
public class OffThreadInterceptor {
  static final ExecutorService POOL = Workers.singleThread("off-thread");

  @AroundInvoke
  Object runOffThread(InvocationContext invocation) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    POOL.execute(
        () -> {
          try {
            Object returned = invocation.proceed();
            if (returned instanceof CompletionStage) {
              ((CompletionStage<?>) returned)
                  .whenComplete(
                      (value, failure) -> {
                        if (failure == null) {
                          result.complete(value);
                        } else {
                          result.completeExceptionally(failure);
                        }
                      });
            } else {
              result.complete(returned);
            }
          } catch (Exception | Error e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }
}
