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
   * The context to carry with {@code message} where a step after its sending sees it, on whatever
   * thread hands it on there: the calling thread's when the message has no Vert.x context of its
   * own or when the thread runs on it; else the MDC kept in the message's context (Quarkus), read
   * and never written. Where the MDC is kept per thread, the calling thread is not the message's
   * (a connector's thread, or one that asked the channel for more, holding some other work's
   * context): the result is empty then, never that thread's context.
   */
  static LogContext carriedBy(Message<?> message) {
    Context context = contextOf(message);
    if (context == null || context == Vertx.currentContext()) {
      return LogContext.current();
    }
    LogContext[] there = {LogContext.empty()};
    try {
      ((ContextInternal) context)
          .dispatch(
              () -> {
                if (VertxMdcLocation.get().currentMdcMap() != null) {
                  there[0] = LogContext.current(); // the MDC of the message's own context
                }
              });
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
      // a Vert.x without this internal API: nothing known of the message's context
    }
    return there[0];
  }

  /**
   * The context {@code message} is sent in, taken on the thread that sends it (an emitter's
   * channel hands each message on synchronously in {@code send}): the MDC its own Vert.x context
   * already keeps (Quarkus), else the sender's; the sender's also becomes the MDC of the message's
   * context where that context keeps the MDC and holds none yet, so that the methods SmallRye runs
   * there log with it. Only the sending thread may call this: it is the only place where a
   * context is written into a message's.
   */
  static LogContext takenAtSend(Message<?> message) {
    LogContext sender = LogContext.current();
    Context context = contextOf(message);
    if (context == null || context == Vertx.currentContext()) {
      return sender;
    }
    LogContext[] taken = {sender};
    try {
      ((ContextInternal) context)
          .dispatch(
              () -> {
                if (VertxMdcLocation.get().currentMdcMap() != null) {
                  LogContext onMessage = LogContext.current();
                  if (!onMessage.isEmpty()) {
                    taken[0] = onMessage; // the message's context had one already
                    return;
                  }
                }
                if (!sender.isEmpty()) {
                  Scope scope = sender.attach();
                  if (VertxMdcLocation.get().currentMdcMap() == null) {
                    scope.close(); // the MDC is the thread's: leave nothing behind on it
                  }
                  // else the message's own context keeps it for as long as the message lives
                }
              });
    } catch (RuntimeException | LinkageError e) {
      MdcFailures.rethrowIfFatal(e);
    }
    return taken[0];
  }
}
