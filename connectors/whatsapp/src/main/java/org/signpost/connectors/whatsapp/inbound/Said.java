package org.signpost.connectors.whatsapp.inbound;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/** What a WhatsApp message says, as far as Signpost can read it. */
sealed interface Said {

    /** Typed text. */
    record Text(String text) implements Said {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A reply button or list row was chosen: its id is the bot's button payload. */
    record Choice(String payload, String title) implements Said {
        public Choice {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(title, "title");
        }
    }

    /** A shared location: a pin, and a place's name and address when one was picked. */
    record Location(double latitude, double longitude, String name, String address) implements Said {
        public Location {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Something the bot cannot read (audio, an image, a sticker...). */
    record Unsupported(String type) implements Said {
        public Unsupported {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Reads a message by its type. A message of a known type whose content is missing is treated
     * as unsupported: the person gets the polite answer rather than silence.
     */
    static Said read(String type, JsonObject message) {
        return switch (type) {
            case "text" -> field(message, "text").map(text -> (Said) new Text(string(text, "body")))
                    .filter(said -> !((Text) said).text().isBlank())
                    .orElse(new Unsupported(type));
            case "interactive" -> field(message, "interactive").flatMap(Said::choice).orElse(new Unsupported(type));
            // A quick-reply button of a template message.
            case "button" -> field(message, "button")
                    .map(button -> (Said) new Choice(string(button, "payload").isBlank() ? string(button, "text") : string(button, "payload"),
                            string(button, "text")))
                    .orElse(new Unsupported(type));
            case "location" -> field(message, "location")
                    .filter(location -> location.getValue("latitude") instanceof Number && location.getValue("longitude") instanceof Number)
                    .map(location -> (Said) new Location(((Number) location.getValue("latitude")).doubleValue(),
                            ((Number) location.getValue("longitude")).doubleValue(), string(location, "name"), string(location, "address")))
                    .orElse(new Unsupported(type));
            default -> new Unsupported(type);
        };
    }

    private static Optional<Said> choice(JsonObject interactive) {
        String kind = string(interactive, "type");
        if (!kind.equals("button_reply") && !kind.equals("list_reply")) {
            return Optional.empty();
        }
        return field(interactive, kind)
                .filter(reply -> !string(reply, "id").isBlank())
                .map(reply -> new Choice(string(reply, "id"), string(reply, "title")));
    }

    private static Optional<JsonObject> field(JsonObject object, String key) {
        return object.getValue(key) instanceof JsonObject value ? Optional.of(value) : Optional.empty();
    }

    private static String string(JsonObject object, String key) {
        return object.getValue(key) instanceof String text ? text : "";
    }
}
