/**
 * Application metrics on {@code /metrics} (Prometheus text, spec section 7), owned by the WAR and the
 * same on every server.
 * <ul>
 * <li>One implementation: Micrometer with its Prometheus registry, packaged in the WAR
 * ({@code control.Meters}); {@code boundary.MetricsServlet} serves it beside {@code /api}. The
 * servers' own metrics services are left out: Payara's MicroProfile Metrics is switched off in the
 * pre-boot command file (it would map {@code /metrics} into the root context), WildFly's metrics
 * subsystem stays on its management port, and its micrometer subsystem is not configured
 * ({@code scripts/wildfly-setup.sh} takes it out where an earlier setup put it in). The runtime's share is the JVM's meters, bound here.</li>
 * <li>Open to every caller, like {@code /health}: operators restrict both at the network edge.</li>
 * <li>Names: snake_case with the {@code tollgate_} prefix; the registry adds {@code _total} to
 * counters and {@code _seconds} to timers. One unit per family (spec section 8): every timing value is
 * in seconds: {@code _count}, {@code _sum}, {@code _max} and the quantiles 0.5, 0.95, 0.99 (Micrometer's
 * client-side percentiles over a window of about a minute).</li>
 * <li>Bounded series: request timers are keyed by path template and HTTP method, never the raw path;
 * requests no route matched share one. Refused credentials are counted by their shape only.</li>
 * <li>Feature metrics live with their feature ({@code tokens.boundary.TokenMetrics},
 * {@code tokens.boundary.UsageWriter}) and are made through {@code Meters}, which hands out its own
 * small {@code Counter} and {@code Timer}, so that only this package knows Micrometer. Metrics depends
 * on access; features depend on metrics.control.</li>
 * </ul>
 */
package io.tollgate.metrics;
