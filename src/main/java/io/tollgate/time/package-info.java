/**
 * The wall clock. Decisions:
 * <ul>
 * <li>One bean reads it ({@code Now}); ArchitectureTest holds every other class to it, so that a test
 * can move time for the whole server at once instead of sleeping.</li>
 * </ul>
 */
package io.tollgate.time;
