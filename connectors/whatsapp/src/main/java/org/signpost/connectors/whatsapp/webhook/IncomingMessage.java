package org.signpost.connectors.whatsapp.webhook;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a webhook's {@code messages}: who sent it, when, its WhatsApp id and type, and the
 * message object as Meta sent it (read by type when the message is handled).
 */
public record IncomingMessage(String id, String from, Instant sentAt, String type, JsonObject message) {

    public IncomingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(type, "type");
        message = message.copy();
    }

    @Override
    public JsonObject message() {
        return message.copy();
    }
}
