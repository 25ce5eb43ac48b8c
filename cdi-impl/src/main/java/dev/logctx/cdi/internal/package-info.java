/**
 * Integrations that logctx-cdi loads as services when their framework is present. <strong>Not
 * API</strong>: anything here may change or disappear in any release.
 */
@NullMarked
package dev.logctx.cdi.internal;

import org.jspecify.annotations.NullMarked;
