package io.tollgate.requests.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one reader of a request body into its request record: each record component is the JSON field
 * of its snake_case name ({@code validDate} is {@code valid_date}), read by {@link JsonFields} (no
 * coercion, {@code null} is absent, an unknown field is a 400 naming it), the fields in the order the
 * record declares them, so the first broken one answers. A component is a {@code String}, a
 * {@code List<String>}, a {@code Long} (a whole number) or a {@code JsonValue} (any other shape, which
 * the record reads itself, as strictly); the record's canonical constructor then normalises, and may
 * refuse with a domain exception. Bean Validation runs after
 * ({@link RequestValidator#read}).
 */
public final class RequestRecords {

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private RequestRecords() {
    }

    /** The record of type {@code type} that {@code body} describes, or the 400 of its first broken field. */
    public static <R extends Record> R read(JsonObject body, Class<R> type) {
        return type.cast(SHAPES.get(type).read(body));
    }

    /** The JSON name of a record component: {@code allowedIps} is {@code allowed_ips}. */
    static String jsonName(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A record's fields, how each is read, and its canonical constructor; made once per record type. */
    private record Shape(Set<String> names, List<Field> fields, Constructor<?> constructor) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            Set<String> names = new LinkedHashSet<>();
            List<Field> fields = new ArrayList<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = jsonName(components[i].getName());
                names.add(name);
                fields.add(new Field(name, readerOf(type, components[i])));
                types[i] = components[i].getType();
            }
            try {
                return new Shape(names, List.copyOf(fields), type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
            }
        }

        private static BiFunction<JsonFields, String, Object> readerOf(Class<?> type, RecordComponent component) {
            Type generic = component.getGenericType();
            if (generic == String.class) {
                return JsonFields::optionalString;
            }
            if (generic == Long.class) {
                return JsonFields::optionalInteger;
            }
            if (generic == JsonValue.class) {
                return JsonFields::optionalValue;
            }
            if (generic instanceof ParameterizedType list && list.getRawType() == List.class
                    && list.getActualTypeArguments()[0] == String.class) {
                return JsonFields::optionalStrings;
            }
            throw new IllegalArgumentException("request record " + type.getName() + " has a component of a type "
                    + "no JSON field reads: " + component);
        }

        Object read(JsonObject body) {
            JsonFields json = JsonFields.of(body, names);
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields.get(i).reader().apply(json, fields.get(i).name());
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException refusal) {
                    throw refusal; // the record's own rule (a domain exception), as if called directly
                }
                throw new IllegalStateException("could not make a " + constructor.getDeclaringClass().getName(),
                        e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not make a " + constructor.getDeclaringClass().getName(), e);
            }
        }
    }

    private record Field(String name, BiFunction<JsonFields, String, Object> reader) {
    }
}
