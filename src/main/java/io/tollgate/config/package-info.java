/** Reading operator settings before MicroProfile Config is available; see {@link io.tollgate.config.EarlyConfig}. */
package io.tollgate.config;
