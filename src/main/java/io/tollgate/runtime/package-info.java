/**
 * The seam between Tollgate and the server it runs on: {@link io.tollgate.runtime.Server}, implemented
 * once per server in {@code runtime.payara} (Payara Micro, EclipseLink, Grizzly) and {@code runtime.wildfly}
 * (WildFly). Only these packages may depend on a server's or a JPA provider's own classes
 * ({@code ArchitectureTest}); {@code WEB-INF/beans.xml} chooses the package by one class each server has.
 * What differs and why: {@code docs/runtimes.md}.
 */
package io.tollgate.runtime;
