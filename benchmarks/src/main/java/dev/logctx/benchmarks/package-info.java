/**
 * JMH benchmarks: the cost of carrying the SLF4J MDC to work that runs elsewhere, logctx side by
 * side with the hand-written copy users write today and with its peers. Not API.
 *
 * <p>Four scenarios, each a class, each with one method per contender and the MDC size as
 * parameter:
 *
 * <ul>
 *   <li>{@link dev.logctx.benchmarks.SameThreadBenchmark}: capture, attach, run an empty body and
 *       restore on the calling thread (caller-runs): pure overhead;
 *   <li>{@link dev.logctx.benchmarks.HandoffBenchmark}: submit to a single-thread executor and wait;
 *   <li>{@link dev.logctx.benchmarks.CallerSideBenchmark} and {@link
 *       dev.logctx.benchmarks.WorkerSideBenchmark}: the two halves of a handoff, measured apart
 *       (capture and wrap on the request thread; run on a pooled thread whose MDC is empty).
 * </ul>
 *
 * <p>Run them with {@code benchmarks/run.sh quick|full}; {@link dev.logctx.benchmarks.ResultTable}
 * turns JMH's JSON into the markdown table of ratios against the hand-written copy.
 */
@NullMarked
package dev.logctx.benchmarks;

import org.jspecify.annotations.NullMarked;
