/**
 * Application metrics on {@code /metrics} (MicroProfile Metrics, Prometheus text, spec section 7)
 * that belong to no single feature: request timings per endpoint and authentications by credential
 * kind and outcome, both read off finished requests by one JAX-RS filter. Names follow Prometheus
 * conventions (snake_case, {@code tollgate_} prefix; the runtime adds {@code _total} to counters and
 * {@code _seconds} to timers). Timers are keyed by path template, never the raw path, so that series
 * stay bounded. Feature metrics live with their feature: {@code tokens.boundary.TokenMetrics} (token
 * lifecycle counters, tokens by status) and {@code tokens.boundary.UsageWriter} (usage buffer size,
 * capacity and drops). Metrics depends on access; nothing depends on metrics.
 */
package io.tollgate.metrics;
