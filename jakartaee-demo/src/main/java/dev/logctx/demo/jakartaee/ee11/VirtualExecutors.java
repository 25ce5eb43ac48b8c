package dev.logctx.demo.jakartaee.ee11;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Jakarta EE 11 (Concurrency 3.1) only: two managed executors whose tasks run on virtual threads,
 * one with a context service propagating "LogContext", one clearing it. Packaged only in the EE 11
 * WAR (classifier {@code ee11}): an EE 10 server does not know {@code virtual}.
 */
@ManagedExecutorDefinition(
    name = "java:app/concurrent/VirtualExecutor",
    context = "java:app/concurrent/LogContextService",
    virtual = true)
@ManagedExecutorDefinition(
    name = "java:app/concurrent/ClearingVirtualExecutor",
    context = "java:app/concurrent/ClearingContextService",
    virtual = true)
@ApplicationScoped
public class VirtualExecutors {}
