/**
 * Implementation of logctx-opentelemetry. <strong>Not API</strong>: anything here may change or
 * disappear in any release; applications must not use it.
 */
@NullMarked
package dev.logctx.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
