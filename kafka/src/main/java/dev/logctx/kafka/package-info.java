/**
 * logctx for Apache Kafka: the MDC keys of the sending code travel in each record's headers, and a
 * record's handling runs in the context they carry.
 *
 * <p>Producer side, configuration only: {@link dev.logctx.kafka.ContextHeadersProducerInterceptor}
 * in {@code interceptor.classes}. Consumer side: {@link dev.logctx.kafka.RecordContext#run} or
 * {@link dev.logctx.kafka.RecordContext#call} around the handling of each record, or {@link
 * dev.logctx.kafka.RecordContext#of} for a framework that attaches the context itself. {@link
 * dev.logctx.kafka.HeaderNames} says which header carries which key.
 */
@NullMarked
package dev.logctx.kafka;

import org.jspecify.annotations.NullMarked;
