/**
 * What only a Jakarta EE 11 server deploys: packaged in the {@code ee11} WAR only.
 *
 * <p>Not API: a demo, never deployed.
 */
@NullMarked
package dev.logctx.demo.jakartaee.ee11;

import org.jspecify.annotations.NullMarked;
