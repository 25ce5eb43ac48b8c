package dev.logctx.demo.jakartaee;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's executors and context services the demo uses, and a plain thread pool. The
 * application declares two context services: one that propagates logctx's {@code "LogContext"}
 * (the server's default {@code ContextService} does not) and one that clears it, the negative
 * control of every path that goes through it.
 */
@ContextServiceDefinition(
    name = Concurrency.LOG_CONTEXT_SERVICE,
    propagated = {ContextServiceDefinition.APPLICATION, "LogContext"},
    cleared = ContextServiceDefinition.TRANSACTION,
    unchanged = ContextServiceDefinition.ALL_REMAINING)
@ContextServiceDefinition(
    name = Concurrency.CLEARING_CONTEXT_SERVICE,
    propagated = ContextServiceDefinition.APPLICATION,
    cleared = {"LogContext", ContextServiceDefinition.TRANSACTION},
    unchanged = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(
    name = Concurrency.LOG_CONTEXT_EXECUTOR,
    context = Concurrency.LOG_CONTEXT_SERVICE,
    maxAsync = 2)
@ManagedExecutorDefinition(
    name = Concurrency.CLEARING_EXECUTOR,
    context = Concurrency.CLEARING_CONTEXT_SERVICE,
    maxAsync = 2)
@ManagedScheduledExecutorDefinition(
    name = Concurrency.CLEARING_SCHEDULED_EXECUTOR,
    context = Concurrency.CLEARING_CONTEXT_SERVICE,
    maxAsync = 2)
@ApplicationScoped
public class Concurrency {
  /** Propagates {@code "LogContext"} (and the application context). */
  static final String LOG_CONTEXT_SERVICE = "java:app/concurrent/LogContextService";

  /** Clears {@code "LogContext"}: a task runs with an empty MDC. */
  static final String CLEARING_CONTEXT_SERVICE = "java:app/concurrent/ClearingContextService";

  /** A managed executor whose tasks get {@link #LOG_CONTEXT_SERVICE}'s context. */
  static final String LOG_CONTEXT_EXECUTOR = "java:app/concurrent/LogContextExecutor";

  /** A managed executor whose tasks get {@link #CLEARING_CONTEXT_SERVICE}'s context. */
  static final String CLEARING_EXECUTOR = "java:app/concurrent/ClearingExecutor";

  /** A managed scheduled executor whose tasks get {@link #CLEARING_CONTEXT_SERVICE}'s context. */
  static final String CLEARING_SCHEDULED_EXECUTOR =
      "java:app/concurrent/ClearingScheduledExecutor";

  /** The EE 11 virtual-thread executor propagating {@code "LogContext"} (EE 11 WAR only). */
  static final String VIRTUAL_EXECUTOR = "java:app/concurrent/VirtualExecutor";

  /** The EE 11 virtual-thread executor clearing {@code "LogContext"} (EE 11 WAR only). */
  static final String CLEARING_VIRTUAL_EXECUTOR = "java:app/concurrent/ClearingVirtualExecutor";

  @Resource private ManagedExecutorService defaultExecutor;
  @Resource private ManagedScheduledExecutorService defaultScheduledExecutor;

  @Resource(lookup = "java:comp/DefaultContextService")
  private ContextService defaultContextService;

  @Resource(lookup = LOG_CONTEXT_SERVICE)
  private ContextService logContextService;

  @Resource(lookup = CLEARING_CONTEXT_SERVICE)
  private ContextService clearingContextService;

  @Resource(lookup = LOG_CONTEXT_EXECUTOR)
  private ManagedExecutorService logContextExecutor;

  @Resource(lookup = CLEARING_EXECUTOR)
  private ManagedExecutorService clearingExecutor;

  @Resource(lookup = CLEARING_SCHEDULED_EXECUTOR)
  private ManagedScheduledExecutorService clearingScheduledExecutor;

  // CDI beans reach these through methods: a field read on the client proxy would see null.
  /** The server's default managed executor. */
  ManagedExecutorService defaultExecutor() {
    return defaultExecutor;
  }

  /** The server's default managed scheduled executor. */
  ManagedScheduledExecutorService defaultScheduledExecutor() {
    return defaultScheduledExecutor;
  }

  /** The server's default context service ({@code java:comp/DefaultContextService}). */
  ContextService defaultContextService() {
    return defaultContextService;
  }

  /** The context service propagating "LogContext". */
  ContextService logContextService() {
    return logContextService;
  }

  /** The context service clearing "LogContext". */
  ContextService clearingContextService() {
    return clearingContextService;
  }

  /** The defined executor with the context service propagating "LogContext". */
  ManagedExecutorService logContextExecutor() {
    return logContextExecutor;
  }

  /** The defined executor with the context service clearing "LogContext". */
  ManagedExecutorService clearingExecutor() {
    return clearingExecutor;
  }

  /** The defined scheduled executor with the context service clearing "LogContext". */
  ManagedScheduledExecutorService clearingScheduledExecutor() {
    return clearingScheduledExecutor;
  }

  private final ExecutorService plainPool = Executors.newFixedThreadPool(2, named("plain-pool-"));

  /** A plain pool that knows nothing of contexts: two reused threads. */
  ExecutorService plainPool() {
    return plainPool;
  }

  private Optional<ManagedExecutorService> virtualExecutor = Optional.empty();
  private Optional<ManagedExecutorService> clearingVirtualExecutor = Optional.empty();

  @PostConstruct
  void findVirtualExecutors() {
    virtualExecutor = lookup(VIRTUAL_EXECUTOR);
    clearingVirtualExecutor = lookup(CLEARING_VIRTUAL_EXECUTOR);
  }

  /** The EE 11 virtual-thread executor that propagates {@code "LogContext"}, if deployed. */
  Optional<ManagedExecutorService> virtualExecutor() {
    return virtualExecutor;
  }

  /** The EE 11 virtual-thread executor that clears {@code "LogContext"}, if deployed. */
  Optional<ManagedExecutorService> clearingVirtualExecutor() {
    return clearingVirtualExecutor;
  }

  private static Optional<ManagedExecutorService> lookup(String name) {
    try {
      return Optional.of((ManagedExecutorService) new InitialContext().lookup(name));
    } catch (NamingException e) {
      return Optional.empty(); // the EE 10 WAR has no such definition
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      // No inherited thread locals: a thread created while a request runs would otherwise keep
      // that request's MDC where the MDC is inheritable (JBoss LogManager's, in WildFly).
      Thread thread = new Thread(null, task, prefix + count.incrementAndGet(), 0, false);
      thread.setDaemon(true);
      return thread;
    };
  }

  @PreDestroy
  void shutdown() {
    plainPool.shutdownNow();
  }
}
