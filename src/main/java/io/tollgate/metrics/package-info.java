/**
 * Metrics that belong to no single feature (request timings per endpoint template, authentications by
 * kind and outcome), read off finished requests by one filter. Decisions:
 * <ul>
 * <li>Every meter goes through {@code control.Meters}, with one implementation per exporter
 * (MicroProfile Metrics on Payara, Micrometer on WildFly, none); {@code WEB-INF/beans.xml} leaves one.</li>
 * <li>Timers are keyed by path template, never the raw path, so series stay bounded.</li>
 * <li>One unit per family, seconds: Payara writes quantiles in raw nanoseconds, so timers are declared
 * in nanoseconds and their quantiles are off ({@code mp.metrics.distribution.percentiles}).</li>
 * <li>Feature meters live with their feature ({@code tokens}).</li>
 * </ul>
 */
package io.tollgate.metrics;
