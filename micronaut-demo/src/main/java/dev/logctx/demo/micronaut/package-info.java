/**
 * The order service of the Quarkus demo on Micronaut 4: each order's follow-up work goes to every
 * kind of async path Micronaut offers, and every JSON log line carries the order request's {@code
 * request_id} and {@code user_id}.
 *
 * <p>Not API: a demo, never deployed.
 */
@NullMarked
package dev.logctx.demo.micronaut;

import org.jspecify.annotations.NullMarked;
