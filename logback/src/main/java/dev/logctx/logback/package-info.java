/**
 * An opt-in logback SLF4J provider whose MDC adapter keeps each thread's MDC as an immutable map,
 * replaced on every write, so logctx hands the MDC to another thread without copying it. Enable it
 * with {@code -Dslf4j.provider=dev.logctx.logback.LogctxLogbackServiceProvider}.
 */
@NullMarked
package dev.logctx.logback;

import org.jspecify.annotations.NullMarked;
