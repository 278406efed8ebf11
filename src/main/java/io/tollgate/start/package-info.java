/**
 * What a start tells the person who started the server: one short block at its end with the server's
 * URL, the console, the API docs (Swagger UI) and, on the first start only, the root token (the one
 * time the contract lets it be printed). Everything else a start prints is quieted by
 * {@code payara-config/logging.properties}. Decisions: the block waits (at most a minute) until the WAR
 * answers on the HTTP port, so that it comes after the runtime's own deployment messages and its URLs
 * work when it is read; the port is Payara Micro's (read reflectively: no API gives it to an
 * application), and without it the block names paths only.
 */
package io.tollgate.start;
