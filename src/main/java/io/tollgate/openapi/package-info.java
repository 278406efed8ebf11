/**
 * The OpenAPI document ({@code /openapi}) and Swagger UI ({@code /openapi/ui}). Decisions:
 * <ul>
 * <li>The document is the hand-kept {@code META-INF/openapi.yaml}; annotation scanning is off.</li>
 * <li>{@link StrictDocument} (the {@code mp.openapi.filter}) removes what Payara adds that is not
 * OpenAPI and keeps the examples' {@code {}} and {@code null} fields that the serializers would drop,
 * so strict validators accept it and it is the same on both servers.</li>
 * <li>Swagger UI is served from the webjar in the WAR ({@link SwaggerUi}, a more specific mapping than
 * Payara's) with an initializer of our own (no inline script), validator badge off: no other host is asked.</li>
 * </ul>
 */
package io.tollgate.openapi;
