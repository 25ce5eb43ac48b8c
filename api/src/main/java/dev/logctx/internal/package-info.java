/**
 * Implementation details shared by the logctx modules. <strong>Not API</strong>: anything here may
 * change or disappear in any release; applications must not use it.
 */
@NullMarked
package dev.logctx.internal;

import org.jspecify.annotations.NullMarked;
