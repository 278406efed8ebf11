/**
 * What every response carries (spec section 8; docs/security.md). Decisions:
 * <ul>
 * <li>One servlet filter on {@code /*} sets the security headers, and {@code Cache-Control: no-store}
 * on {@code /api}; the error servlet sets them again, since container errors may bypass the filter.</li>
 * <li>TRACE is refused on every path before a servlet could echo it.</li>
 * <li>Two runtime log records of refused requests are cut to one line ({@code QuietContainerLogs}).</li>
 * <li>The banners and the codec's refusals are Payara configuration or Payara's alone.</li>
 * </ul>
 */
package io.tollgate.transport;
