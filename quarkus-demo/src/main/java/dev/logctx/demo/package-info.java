/**
 * A small order service that hands the follow-up work of each order to every kind of async path
 * and logs JSON lines that all carry the order request's {@code request_id} and {@code user_id}.
 *
 * <p>Not API: a demo, never deployed.
 */
@NullMarked
package dev.logctx.demo;

import org.jspecify.annotations.NullMarked;
