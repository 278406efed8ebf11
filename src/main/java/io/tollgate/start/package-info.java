/**
 * What a start tells the person who started the server: one short block at its end with the server's
 * URL, the console, the API docs (Swagger UI) and, on the first start only, the root token (the one
 * time the contract lets it be printed). Everything else a start prints is quieted by
 * {@code payara-config/logging.properties}. Decisions: the block waits (at most a minute) until the WAR
 * answers on the HTTP port, so that it comes after the runtime's own deployment messages and its URLs
 * work when it is read; the port is Payara Micro's (read reflectively: no API gives it to an
 * application), and without it the block names paths only.
 * <p>
 * Also when the API serves (spec section 8): from the end of the start to the beginning of a stop;
 * before and after, {@code /api} answers 503 with {@code Retry-After}, and on Payara Micro the HTTP port
 * is closed while the WAR loads and once a stop has begun (the runtime's own answers then would be an
 * empty 500 or an HTML page).
 */
package io.tollgate.start;
