/**
 * The API described for people who explore it: the OpenAPI document Payara serves at {@code /openapi}
 * (from the hand-kept {@code META-INF/openapi.yaml}, annotation scanning off) and Swagger UI at
 * {@code /openapi/ui}. Decisions:
 * <ul>
 * <li>Payara registers its {@code /openapi/*} servlet inside this WAR (context root {@code /}), so the
 * WAR's filters see its answers: {@link YamlContentType} gives the YAML form its media type, and a more
 * specific servlet mapping ({@link SwaggerUi}, {@code /openapi/ui/*}) wins over Payara's.</li>
 * <li>{@link StrictDocument} (the MicroProfile {@code mp.openapi.filter}) removes what Payara adds that
 * is not OpenAPI (a top-level {@code endpoints} list) and keeps the {@code info: {}} and {@code null} fields of the examples that
 * Payara's serializer would otherwise drop as empty: strict validators and readers see a valid document
 * whose examples carry every required field.</li>
 * <li>Swagger UI is served from the webjar in the WAR, with an initializer of our own (the page's Content
 * Security Policy forbids inline script) that points at {@code /openapi} and turns the online validator
 * badge off: the page asks no other host for anything.</li>
 * </ul>
 */
package io.tollgate.openapi;
