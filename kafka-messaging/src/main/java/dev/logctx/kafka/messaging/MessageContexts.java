package dev.logctx.kafka.messaging;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import dev.logctx.internal.MdcFailures;
import dev.logctx.internal.VertxMdcLocation;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jspecify.annotations.Nullable;

/**
 * Where a message's logging context lives: SmallRye Reactive Messaging gives each message a Vert.x
 * duplicated context of its own ({@link LocalContextMetadata}) and runs the methods that handle
 * it there, and Quarkus keeps the MDC in that context.
 */
final class MessageContexts {

  /**
   * The system property that turns the decorators off: {@value}{@code =false}, for comparisons; on
   * by default.
   */
  static final String ENABLED = "logctx.kafka.messaging.enabled";

  private MessageContexts() {}

  /** Whether {@value #ENABLED} leaves the decorators on; read when a channel is wired. */
  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(ENABLED, "true").trim());
  }

  /** The Vert.x context SmallRye gave {@code message}, or null. */
  static @Nullable Context contextOf(Message<?> message) {
    Optional<LocalContextMetadata> local = message.getMetadata(LocalContextMetadata.class);
    return local.isPresent() ? local.get().context() : null;
  }

  /**
   * Whether the calling thread runs on {@code context} and the MDC lives there (Quarkus), so that
   * what is attached now stays with that context alone, for every thread that later runs on it.
   */
  static boolean mdcLivesIn(@Nullable Context context) {
    return context != null
        && Vertx.currentContext() == context
        && VertxMdcLocation.get().currentMdcMap() != null;
  }

  /**
   * The context to carry with {@code message}: the one of the message's own Vert.x context when
   * that holds one, else the calling thread's, which then also becomes the message context's MDC
   * (when it holds none yet), so that the methods SmallRye runs there log with it.
   */
  static LogContext carriedBy(Message<?> message) {
    LogContext here = LogContext.current();
    Context context = contextOf(message);
    if (context == null || context == Vertx.currentContext()) {
      return here;
    }
    LogContext[] there = {here};
    try {
      ((ContextInternal) context)
          .dispatch(
              () -> {
                LogContext onMessage = LogContext.current();
                if (!onMessage.isEmpty()) {
                  there[0] = onMessage; // taken in already, where the message was first seen
                } else if (!here.isEmpty()) {
                  Scope scope = here.attach();
                  if (VertxMdcLocation.get().currentMdcMap() == null) {
                    scope.close(); // the MDC is the thread's: leave nothing behind on it
                  }
                  // else the message's own context keeps it for as long as the message lives
                }
              });
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
      // a Vert.x without this internal API: the calling thread's context is all there is
    }
    return there[0];
  }
}
