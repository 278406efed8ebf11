package io.tollgate.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Keeps the document Payara serves standard OpenAPI 3 (registered as {@code mp.openapi.filter}).
 * Payara adds a top-level {@code endpoints} map that is no OpenAPI field (strict validators reject
 * the document); it lives only in Payara's model class, hence the reflection, and an empty map is
 * left out when written. Payara also leaves every empty object and list out when it writes the
 * document, which would take the required {@code info: {}} and every {@code null} field (such as a
 * new token's {@code last_used_date}) out of the examples (they become {@link KeptJsonValue}s) and the {@code security: []} out of the public operations, which would
 * then inherit the bearer requirement: the file says {@code security: [{}]} for them (equivalent, and
 * kept by Payara's merge), served as {@code []} through a {@link NoSecurity} list.
 */
public class StrictDocument implements OASFilter {

    private static final Logger LOG = Logger.getLogger(StrictDocument.class.getName());

    /** The document's named schemas, while {@link #filterOpenAPI} runs. */
    private Map<String, Schema> schemas;

    @Override
    public Schema filterSchema(Schema schema) {
        Object example = schema.getExample();
        // only a map changes; setting anything on a boolean schema (`true`, SmallRye on WildFly) throws
        if (example instanceof Map<?, ?>) {
            schema.setExample(keepEmptyObjects(example));
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        dropPayaraEndpoints(document);
        schemas = document.getComponents() == null ? null : document.getComponents().getSchemas();
        if (document.getPaths() != null) {
            for (PathItem item : document.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    if (needsNoCredential(operation)) {
                        requireNoCredential(operation);
                    }
                    RequestBody body = operation.getRequestBody();
                    if (body != null) {
                        keepEmptyObjects(body.getContent());
                    }
                    keepEmptyObjects(operation.getResponses());
                }
            }
        }
        if (document.getComponents() != null && document.getComponents().getResponses() != null) {
            for (APIResponse response : document.getComponents().getResponses().values()) {
                keepEmptyObjects(response.getContent());
            }
        }
    }

    /**
     * {@code security: [{}]} in openapi.yaml: Payara gives an operation that declares nothing an empty
     * list, and merges a declared {@code []} into the same, so only a non-empty list of empty
     * requirements says "no credential".
     */
    private static boolean needsNoCredential(Operation operation) {
        return operation.getSecurity() != null && !operation.getSecurity().isEmpty() && operation.getSecurity().stream()
                .allMatch(requirement -> requirement.getSchemes() == null || requirement.getSchemes().isEmpty());
    }

    /**
     * Payara's {@code setSecurity} copies the list it is given (into an ordinary, empty and therefore
     * unwritten one), so the field is set directly; its getter hands out a view of it.
     */
    private static void requireNoCredential(Operation operation) {
        for (Class<?> type = operation.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("security");
                field.setAccessible(true);
                field.set(operation, new NoSecurity());
                return;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                break;
            }
        }
        operation.setSecurity(new NoSecurity());
    }

    private static void dropPayaraEndpoints(OpenAPI document) {
        try {
            Method getter = document.getClass().getMethod("getEndpoints");
            if (getter.invoke(document) instanceof Map<?, ?> endpoints) {
                endpoints.clear();
            }
        } catch (NoSuchMethodException notPayara) {
            // another runtime: nothing to remove
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove Payara''s endpoints list from the OpenAPI document: {0}", e.toString());
        }
    }

    private void keepEmptyObjects(APIResponses responses) {
        if (responses != null && responses.getAPIResponses() != null) {
            responses.getAPIResponses().values().forEach(response -> keepEmptyObjects(response.getContent()));
        }
    }

    private void keepEmptyObjects(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType type : content.getMediaTypes().values()) {
                type.setExample(withNullFields(keepEmptyObjects(type.getExample()), type.getSchema()));
            }
        }
    }

    /**
     * Payara drops a {@code null} field of an example already when it reads openapi.yaml: every required,
     * nullable property of the example's (named) schema that the example lacks is written as {@code null}.
     */
    @SuppressWarnings("unchecked")
    private Object withNullFields(Object example, Schema schema) {
        if (!(example instanceof Map<?, ?>) || schema == null || schemas == null) {
            return example;
        }
        Schema named = schema.getRef() == null ? schema : schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
        if (named == null || named.getRequired() == null || named.getProperties() == null) {
            return example;
        }
        Map<Object, Object> fields = (Map<Object, Object>) example;
        for (String required : named.getRequired()) {
            Schema property = named.getProperties().get(required);
            if (!fields.containsKey(required) && property != null && Boolean.TRUE.equals(property.getNullable())) {
                fields.put(required, KeptJsonValue.NULL);
            }
        }
        return fields;
    }

    /** The example with every empty JSON object and null field (at any depth) replaced by values that are written. */
    static Object keepEmptyObjects(Object example) {
        if (!(example instanceof Map<?, ?> map)) {
            return example;
        }
        if (map.isEmpty()) {
            return KeptJsonValue.EMPTY_OBJECT;
        }
        Map<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value == null ? KeptJsonValue.NULL : keepEmptyObjects(value)));
        return copy;
    }
}
