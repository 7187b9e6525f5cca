package org.signpost.connectors.web.transcript;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.signpost.core.message.Button;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.transcript.TranscriptEntry.Kind;

/**
 * Transcript lines on the wire (web-widget/PROTOCOL.md): the staff shape, which carries every
 * line, and the person's shape, which carries only what the person may see.
 */
public final class TranscriptJson {

    private TranscriptJson() {
    }

    /** The line as staff see it, notes and safety flags included. */
    public static JsonObject staff(TranscriptEntry entry) {
        JsonObject json = new JsonObject().put("type", entry.kind().id()).put("at", entry.at().toString())
                .put("text", entry.text());
        if (entry.seq() > 0) {
            json.put("seq", entry.seq());
        }
        switch (entry.kind()) {
            case BOT -> json.put("buttons", buttons(entry));
            case NAVIGATOR, NOTE -> json.put("navigator", entry.author());
            case HANDOFF -> json.put("state", entry.detail()).put("navigator", entry.author());
            case SAFETY -> json.put("category", entry.detail());
            default -> { }
        }
        return json;
    }

    /** The lines of a frame published by {@link TranscriptPublisher}, in the staff shape. */
    public static List<JsonObject> lines(String published) {
        return new JsonArray(published).stream().map(JsonObject.class::cast).toList();
    }

    /**
     * The chat frame for a line in the staff shape, or empty for a line the person must not see.
     * Reasons, outcomes and times stay with staff.
     */
    public static Optional<JsonObject> forPerson(JsonObject staffLine) {
        String type = staffLine.getString("type", "");
        if (!staffLine.containsKey("seq")) {
            return Optional.empty();
        }
        JsonObject frame = new JsonObject().put("type", type).put("seq", staffLine.getInteger("seq"));
        if (Kind.HANDOFF.id().equals(type)) {
            return Optional.of(frame.put("state", staffLine.getString("state")).put("navigator", staffLine.getString("navigator")));
        }
        frame.put("text", staffLine.getString("text"));
        if (Kind.BOT.id().equals(type)) {
            frame.put("buttons", staffLine.getJsonArray("buttons", new JsonArray()));
        } else if (Kind.NAVIGATOR.id().equals(type)) {
            frame.put("navigator", staffLine.getString("navigator"));
        }
        return Optional.of(frame);
    }

    private static JsonArray buttons(TranscriptEntry entry) {
        JsonArray buttons = new JsonArray();
        for (Button button : entry.buttons()) {
            buttons.add(new JsonObject().put("title", button.title()).put("payload", button.payload()));
        }
        return buttons;
    }
}
