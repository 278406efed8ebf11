/**
 * What every response carries and which requests never reach an application (spec section 8).
 * One servlet filter on {@code /*} sets Content-Security-Policy (the console's policy plus
 * {@code frame-ancestors 'none'}), {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer}, and {@code Cache-Control: no-store} on {@code /api}; the
 * servlet error page sets them again, since container errors may bypass the filter. The
 * {@code Server} banner and the container's own bad-request answers are Payara configuration
 * ({@code payara-config/pre-boot-commands.asadmin}); what Payara does not let an application
 * decide is written down in {@code docs/security-transport-notes.md}.
 */
package io.tollgate.transport;
