package org.signpost.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.signpost.core.escalation.Escalation;

/** Escalations as the console reads them (web-widget/PROTOCOL.md). */
final class EscalationJson {

    private EscalationJson() {
    }

    static JsonObject of(Escalation escalation, String holder, Instant now) {
        return new JsonObject().put("id", escalation.id()).put("conversation_id", escalation.conversationId())
                .put("channel", escalation.channel().id()).put("reason", escalation.reason())
                .put("priority", escalation.priority().id()).put("created_at", escalation.createdAt().toString())
                .put("waiting_seconds", Math.max(0, Duration.between(escalation.createdAt(), now).toSeconds()))
                .put("holder", holder).put("details", new JsonObject(new LinkedHashMap<>(escalation.details())));
    }

    /** The waiting queue and what {@code navigator} holds, in one object. */
    static JsonObject queue(List<Escalation> waiting, List<Escalation> mine, String navigator, Instant now) {
        JsonArray waitingJson = new JsonArray();
        waiting.forEach(escalation -> waitingJson.add(of(escalation, "", now)));
        JsonArray mineJson = new JsonArray();
        mine.forEach(escalation -> mineJson.add(of(escalation, navigator, now)));
        return new JsonObject().put("waiting", waitingJson).put("mine", mineJson);
    }
}
