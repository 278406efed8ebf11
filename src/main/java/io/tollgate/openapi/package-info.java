/**
 * The OpenAPI document ({@code /openapi}) and Swagger UI ({@code /openapi/ui}), both the WAR's own,
 * the same on every server. Decisions:
 * <ul>
 * <li>The document is the hand-kept {@code META-INF/openapi.yaml}, the contract written down; nothing is
 * scanned from annotations.</li>
 * <li>{@link OpenApiEndpoint} serves it as MicroProfile OpenAPI's endpoint would (YAML by default, JSON
 * on request), the YAML byte for byte; each server's own MicroProfile OpenAPI is off (its model and
 * writer changed the document differently on each server: dropped {@code {}} and {@code null} example
 * values and empty lists, added non-standard fields, lost a body's {@code required}).</li>
 * <li>The JSON form is written at build time from the YAML (smallrye-open-api-maven-plugin), so the WAR
 * carries no YAML parser and a start pays nothing; a unit test proves it says exactly what the YAML says.</li>
 * <li>Swagger UI is served from the webjar in the WAR ({@link SwaggerUi}) with an initializer of our own
 * (no inline script), validator badge off: no other host is asked.</li>
 * </ul>
 */
package io.tollgate.openapi;
