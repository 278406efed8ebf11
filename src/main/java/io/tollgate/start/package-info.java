/**
 * What a start tells the person who started the server, and when the API serves. Decisions:
 * <ul>
 * <li>One short summary block at the end of a start: URL, console, API docs and, on the first start
 * only, the root token (the one time the contract lets it be printed). It is written to standard output
 * itself, never logged, so that no log file holds the token; the log file gets a line without it.</li>
 * <li>The block waits (at most a minute) until the WAR answers on the HTTP port, so its URLs work
 * when read; without the port it names paths only.</li>
 * <li>Before the start ends and once a stop begins, {@code /api} answers 503 with {@code Retry-After};
 * on Payara Micro the port is also closed then, where the runtime would answer an empty 500.</li>
 * </ul>
 */
package io.tollgate.start;
