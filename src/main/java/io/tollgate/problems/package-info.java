/**
 * The one error body ({@code message, code, status, info}) and every path that produces it. Decisions:
 * <ul>
 * <li>Only here do domain exceptions ({@code io.tollgate.errors}) get a status.</li>
 * <li>Bean Validation failures name the first broken field in {@code info.field}.</li>
 * <li>The servlet container's own errors reach the same body through web.xml error pages.</li>
 * <li>Last resort: 503 while the database is unreachable, else a 500 whose {@code info.error_id} is
 * repeated in the one log line with the details.</li>
 * </ul>
 */
package io.tollgate.problems;
