/**
 * The order service of the Quarkus demo as a portable Jakarta EE 10 WAR: it hands the follow-up
 * work of each order to every Jakarta Concurrency path of the server and to logctx's helpers, and
 * logs JSON lines that all carry the order request's {@code request_id} and {@code user_id}.
 *
 * <p>Not API: a demo, never deployed.
 */
@NullMarked
package dev.logctx.demo.jakartaee;

import org.jspecify.annotations.NullMarked;
