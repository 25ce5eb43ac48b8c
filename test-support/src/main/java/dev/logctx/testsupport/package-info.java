/**
 * Checks and helpers shared by the tests of logctx's modules, the published ones and the demos.
 * <strong>Not API</strong>, never published: the modules use it in test scope only.
 */
@NullMarked
package dev.logctx.testsupport;

import org.jspecify.annotations.NullMarked;
