/**
 * Application metrics on {@code /metrics} (MicroProfile Metrics, Prometheus text, spec section 7)
 * that belong to no single feature: request timings per endpoint and authentications by credential
 * kind and outcome, both read off finished requests by one JAX-RS filter. Names follow Prometheus
 * conventions (snake_case, {@code tollgate_} prefix; the runtime adds {@code _total} to counters and
 * {@code _seconds} to timers). Timers are keyed by path template, never the raw path, so that series
 * stay bounded. Feature metrics live with their feature: {@code tokens.boundary.TokenMetrics} (token
 * lifecycle counters, tokens by status) and {@code usage.boundary.UsageWriter} (usage buffer size,
 * capacity and drops). Every meter is made through {@code control.Meters}, one small interface with
 * one implementation per exporter the server offers: MicroProfile Metrics (Payara, {@code /metrics}
 * on the HTTP port), Micrometer (WildFly 39, which has no MicroProfile Metrics: its micrometer
 * subsystem's Prometheus registry on the management port's {@code /metrics}, series tagged with
 * {@code WF_DEPLOYMENT}), or none ({@code UnexportedMeters}, which says so once in the log);
 * {@code WEB-INF/beans.xml} leaves exactly one of them a bean. Metrics depends on access; tokens
 * depends on metrics.control.
 *
 * <p>One unit per family (spec section 8): every timing value is in seconds. A timer exports
 * {@code _count}, {@code _sum} and {@code _max} (Micrometer, MicroProfile), and {@code _mean} on Payara.
 * Payara 6 writes a timer's quantiles as its raw nanoseconds whatever unit the timer declares (and its
 * mean and maximum raw unless the unit is nanoseconds, which the timer records in), so Tollgate's
 * timers are declared in nanoseconds and their quantiles are turned off with the standard
 * {@code mp.metrics.distribution.percentiles} key (microprofile-config.properties); Micrometer writes
 * none by default. Averages come from {@code rate(_sum) / rate(_count)}.
 */
package io.tollgate.metrics;
