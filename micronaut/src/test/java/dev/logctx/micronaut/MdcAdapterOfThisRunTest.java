package dev.logctx.micronaut;

import dev.logctx.testsupport.MdcAdapterOfThisRunContract;

/**
 * This module's suite runs with logback's own MDC adapter, and again with logctx-logback's (surefire
 * execution {@code suite-with-logctx-logback}); each run uses the adapter it names.
 */
class MdcAdapterOfThisRunTest extends MdcAdapterOfThisRunContract {}
