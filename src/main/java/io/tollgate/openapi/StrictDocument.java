package io.tollgate.openapi;

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
 * new token's {@code last_used_date}) out of the examples (they become {@link KeptJsonValue}s).
 * <p>
 * The public operations (login) say "no credential" as {@code security: [{}]} (one alternative that
 * requires nothing), the same on both servers: an empty {@code []} survives neither Payara's writer
 * (it leaves empty lists out) nor WildFly, which copies every deployment's model into its own by
 * adding each requirement one by one (an empty list adds none), after the filters have run.
 */
public class StrictDocument implements OASFilter {

    private static final Logger LOG = Logger.getLogger(StrictDocument.class.getName());

    /** Whether the runtime's writer leaves empty objects out (Payara's model), while {@link #filterOpenAPI} runs. */
    private boolean emptyObjectsDropped = true;

    /** The document's named schemas, while {@link #filterOpenAPI} runs. */
    private Map<String, Schema> schemas;

    @Override
    public Schema filterSchema(Schema schema) {
        Object example = schema.getExample();
        // only a map changes; setting anything on a boolean schema (`true`, SmallRye on WildFly) throws
        if (example instanceof Map<?, ?>) {
            schema.setExample(keepEmptyObjects(example, emptyObjectsDropped(schema)));
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        dropPayaraEndpoints(document);
        emptyObjectsDropped = emptyObjectsDropped(document);
        schemas = document.getComponents() == null ? null : document.getComponents().getSchemas();
        if (document.getPaths() != null) {
            for (PathItem item : document.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    RequestBody body = operation.getRequestBody();
                    if (body != null) {
                        keepRequired(body);
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
     * Payara's writer (Jackson, leaving empty values out) needs {@link KeptJsonValue}s for {@code {}};
     * WildFly writes an empty map as {@code {}}, but copies each example into its host's model first,
     * where a value it does not know becomes {@code null}: there an empty map stays a map.
     */
    private static boolean emptyObjectsDropped(Object model) {
        return model.getClass().getName().startsWith("fish.payara.");
    }

    /**
     * SmallRye (WildFly) keeps a request body's {@code required} from the file in its model but answers
     * {@code getRequired()} only once it was set through the setter; WildFly copies the model through
     * the getters into its host's document, which then lost it. Set through the setter it stays.
     */
    private static void keepRequired(RequestBody body) {
        if (body.getRequired() != null) {
            return;
        }
        try {
            if (body.getClass().getMethod("getAllProperties").invoke(body) instanceof Map<?, ?> read
                    && read.get("required") instanceof Boolean required) {
                body.setRequired(required);
            }
        } catch (NoSuchMethodException notSmallRye) {
            // another runtime: its getter answers what the file says
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not keep a request body''s required flag in the OpenAPI document: {0}", e.toString());
        }
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
                type.setExample(withNullFields(keepEmptyObjects(type.getExample(), emptyObjectsDropped), type.getSchema()));
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
    static Object keepEmptyObjects(Object example, boolean emptyObjectsDropped) {
        if (!(example instanceof Map<?, ?> map)) {
            return example;
        }
        if (map.isEmpty()) {
            return emptyObjectsDropped ? KeptJsonValue.EMPTY_OBJECT : map;
        }
        Map<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value == null ? KeptJsonValue.NULL : keepEmptyObjects(value, emptyObjectsDropped)));
        return copy;
    }
}
