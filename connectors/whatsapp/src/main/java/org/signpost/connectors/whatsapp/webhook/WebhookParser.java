package org.signpost.connectors.whatsapp.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.signpost.error.InvalidInputException;

/**
 * Reads Meta's webhook envelope: {@code object}, then every {@code entry}, every {@code change}
 * of field {@code messages}, and every message and status in its {@code value}. Changes for
 * another phone number of the same business account are skipped: they are not Signpost's.
 * A body that is not such an envelope is refused with what was wrong.
 */
public final class WebhookParser {

    static final String OBJECT = "whatsapp_business_account";

    private final String phoneNumberId;

    public WebhookParser(String phoneNumberId) {
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    }

    public Notification parse(Buffer body) {
        JsonObject envelope;
        try {
            envelope = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw invalid("the body is not a JSON object");
        }
        if (!OBJECT.equals(envelope.getValue("object"))) {
            throw invalid("'object' must be \"" + OBJECT + "\"");
        }
        List<IncomingMessage> messages = new ArrayList<>();
        List<StatusReport> statuses = new ArrayList<>();
        for (JsonObject entry : objects(envelope, "entry", "")) {
            for (JsonObject change : objects(entry, "changes", "entry[].")) {
                if (!"messages".equals(change.getValue("field"))) {
                    continue;
                }
                JsonObject value = object(change, "value", "changes[].");
                JsonObject metadata = value.getValue("metadata") instanceof JsonObject meta ? meta : new JsonObject();
                if (metadata.getValue("phone_number_id") != null
                        && !phoneNumberId.equals(String.valueOf(metadata.getValue("phone_number_id")))) {
                    continue;
                }
                for (JsonObject message : objects(value, "messages", "value.")) {
                    messages.add(message(message));
                }
                for (JsonObject status : objects(value, "statuses", "value.")) {
                    statuses.add(status(status));
                }
            }
        }
        return new Notification(messages, statuses);
    }

    private static IncomingMessage message(JsonObject message) {
        return new IncomingMessage(text(message, "id", "messages[]."), text(message, "from", "messages[]."),
                timestamp(message, "messages[]."), text(message, "type", "messages[]."), message);
    }

    private static StatusReport status(JsonObject status) {
        int code = 0;
        String error = "";
        if (status.getValue("errors") instanceof JsonArray errors && !errors.isEmpty()
                && errors.getValue(0) instanceof JsonObject first) {
            code = first.getValue("code") instanceof Number number ? number.intValue() : 0;
            Object title = first.getValue("title", first.getValue("message", ""));
            error = code + (String.valueOf(title).isBlank() ? "" : " " + title);
        }
        return new StatusReport(text(status, "id", "statuses[]."), text(status, "status", "statuses[]."),
                timestamp(status, "statuses[]."), String.valueOf(status.getValue("recipient_id", "")), code, error);
    }

    /** Meta sends Unix seconds as a string. */
    private static Instant timestamp(JsonObject object, String where) {
        String seconds = text(object, "timestamp", where);
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid("'" + where + "timestamp' must be Unix seconds, was '" + seconds + "'");
        }
    }

    private static String text(JsonObject object, String key, String where) {
        Object value = object.getValue(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid("'" + where + key + "' must be a non-empty string");
        }
        return text;
    }

    private static JsonObject object(JsonObject object, String key, String where) {
        if (!(object.getValue(key) instanceof JsonObject value)) {
            throw invalid("'" + where + key + "' must be an object");
        }
        return value;
    }

    /** The objects of an optional array. */
    private static List<JsonObject> objects(JsonObject object, String key, String where) {
        Object value = object.getValue(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid("'" + where + key + "' must be an array");
        }
        List<JsonObject> found = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof JsonObject json)) {
                throw invalid("'" + where + key + "' must hold objects");
            }
            found.add(json);
        }
        return found;
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException("invalid_webhook", detail);
    }
}
