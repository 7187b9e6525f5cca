package org.signpost.connectors.web.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.signpost.error.InvalidInputException;

/** Typed access to a JSON request body read by {@link LimitedBodyHandler}, with 400-worthy errors. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws InvalidInputException when it is empty, not JSON, or not an object
     */
    public static JsonObject object(RoutingContext context) {
        Buffer body = context.get(LimitedBodyHandler.BODY);
        if (body == null || body.length() == 0) {
            throw new InvalidInputException("missing_body", "the request needs a JSON object body");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new InvalidInputException("invalid_json", "the body is not valid JSON");
        }
        if (parsed instanceof JsonObject object) {
            return object;
        }
        if (parsed instanceof Map<?, ?> map) {
            return new JsonObject(castMap(map));
        }
        throw new InvalidInputException("invalid_json", "the body must be a JSON object");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** A required string field. */
    public static String string(JsonObject object, String field, int maxLength) {
        Object value = object.getValue(field);
        if (value == null) {
            throw new InvalidInputException("missing_field", "the field '" + field + "' is required");
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException("invalid_field", "the field '" + field + "' must be a string");
        }
        if (text.length() > maxLength) {
            throw new InvalidInputException("invalid_field",
                    "the field '" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** An optional string field: empty when absent or null. */
    public static Optional<String> optionalString(JsonObject object, String field, int maxLength) {
        return object.getValue(field) == null ? Optional.empty() : Optional.of(string(object, field, maxLength));
    }

    /** A required whole number field from {@code min} to {@code max}. */
    public static long number(JsonObject object, String field, long min, long max) {
        Object value = object.getValue(field);
        if (value == null) {
            throw new InvalidInputException("missing_field", "the field '" + field + "' is required");
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < min || number.longValue() > max) {
            throw new InvalidInputException("invalid_field",
                    "the field '" + field + "' must be a whole number from " + min + " to " + max);
        }
        return number.longValue();
    }

    /** An optional JSON object field. */
    public static Optional<JsonObject> optionalObject(JsonObject object, String field) {
        Object value = object.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject nested)) {
            throw new InvalidInputException("invalid_field", "the field '" + field + "' must be a JSON object");
        }
        return Optional.of(nested);
    }
}
