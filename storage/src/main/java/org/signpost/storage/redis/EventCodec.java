package org.signpost.storage.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.signpost.core.event.ActionExecuted;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EntityValue;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowJumped;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;

/**
 * Conversation events as JSON: {@code {"type": "slot_set", "at": "...", ...}}, with Rasa-like
 * snake_case type names. Every event type round-trips; an unknown type is an error, never a
 * silently dropped event.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static String encode(ConversationEvent event) {
        JsonObject json = new JsonObject().put("at", event.at().toString());
        if (event instanceof SessionStarted e) {
            json.put("type", "session_started").put("channel", e.channel().id());
        } else if (event instanceof UserUttered e) {
            JsonArray entities = new JsonArray();
            e.entities().forEach(entity -> entities.add(new JsonObject().put("entity", entity.entity()).put("value", entity.value())));
            json.put("type", "user").put("text", e.text()).put("intent", e.intent()).put("confidence", e.confidence())
                    .put("entities", entities);
            if (!e.shown().isEmpty()) {
                json.put("shown", e.shown());
            }
            if (!e.messageId().isEmpty()) {
                json.put("message_id", e.messageId());
            }
        } else if (event instanceof BotUttered e) {
            JsonArray buttons = new JsonArray();
            e.buttons().forEach(button -> buttons.add(new JsonObject().put("title", button.title()).put("payload", button.payload())));
            json.put("type", "bot").put("response", e.response()).put("text", e.text()).put("buttons", buttons);
        } else if (event instanceof SlotSet e) {
            json.put("type", "slot_set").put("slot", e.slot()).put("value", e.value());
        } else if (event instanceof SlotReset e) {
            json.put("type", "slot_reset").put("slot", e.slot());
        } else if (event instanceof SlotRequested e) {
            json.put("type", "slot_requested").put("slot", e.slot()).put("attempt", e.attempt());
        } else if (event instanceof FlowStarted e) {
            json.put("type", "flow_started").put("flow", e.flow());
        } else if (event instanceof FlowStepCompleted e) {
            json.put("type", "flow_step_completed").put("flow", e.flow()).put("step", e.step());
        } else if (event instanceof FlowJumped e) {
            json.put("type", "flow_jumped").put("flow", e.flow()).put("step", e.step());
        } else if (event instanceof FlowEnded e) {
            json.put("type", "flow_ended").put("flow", e.flow()).put("outcome", e.outcome().name());
        } else if (event instanceof ActionExecuted e) {
            json.put("type", "action").put("action", e.action());
        } else if (event instanceof EscalationRequested e) {
            json.put("type", "escalation_requested").put("escalation", e.escalationId()).put("reason", e.reason())
                    .put("priority", e.priority());
        } else if (event instanceof SafetyFlagged e) {
            json.put("type", "safety_flagged").put("category", e.category()).put("phrase", e.phrase());
        } else if (event instanceof NavigatorJoined e) {
            json.put("type", "navigator_joined").put("escalation", e.escalationId()).put("navigator", e.navigator());
        } else if (event instanceof NavigatorUttered e) {
            json.put("type", "navigator").put("navigator", e.navigator()).put("text", e.text());
        } else if (event instanceof NavigatorLeft e) {
            json.put("type", "navigator_left").put("navigator", e.navigator()).put("outcome", e.outcome());
        } else if (event instanceof NoteAdded e) {
            json.put("type", "note").put("navigator", e.navigator()).put("text", e.text());
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
        return json.encode();
    }

    /**
     * Decodes a conversation's events, sharing what they repeat: the events of one turn share
     * their time, and names and the bot's replies (fixed text, mostly) are interned, so that a
     * conversation held in memory costs its own words only. The user's and navigators' words
     * and slot values are not interned. Interned strings go once nothing refers to them, as all
     * strings do: {@link String#intern} keeps them weakly.
     */
    public static List<ConversationEvent> decodeAll(List<String> encoded) {
        List<ConversationEvent> events = new ArrayList<>(encoded.size());
        String previousAt = null;
        Instant at = null;
        for (String entry : encoded) {
            JsonObject json = new JsonObject(entry);
            String time = json.getString("at");
            if (!time.equals(previousAt)) {
                at = IsoInstant.parse(time);
                previousAt = time;
            }
            events.add(decode(json, at));
        }
        return events;
    }

    private static String name(JsonObject json, String key) {
        String value = json.getString(key);
        return value == null ? null : value.intern();
    }

    private static ConversationEvent decode(JsonObject json, Instant at) {
        String type = json.getString("type", "");
        return switch (type) {
            case "session_started" -> new SessionStarted(at, Channel.fromId(json.getString("channel")));
            case "user" -> {
                List<EntityValue> entities = new ArrayList<>();
                json.getJsonArray("entities", new JsonArray()).forEach(item -> {
                    JsonObject entity = (JsonObject) item;
                    entities.add(new EntityValue(name(entity, "entity"), entity.getString("value")));
                });
                yield new UserUttered(at, json.getString("text"), name(json, "intent"), json.getDouble("confidence"), entities,
                        json.getString("shown", ""), json.getString("message_id", ""));
            }
            case "bot" -> {
                List<Button> buttons = new ArrayList<>();
                json.getJsonArray("buttons", new JsonArray()).forEach(item -> {
                    JsonObject button = (JsonObject) item;
                    buttons.add(new Button(name(button, "title"), name(button, "payload")));
                });
                yield new BotUttered(at, name(json, "response"), name(json, "text"), buttons);
            }
            case "slot_set" -> new SlotSet(at, name(json, "slot"), json.getString("value"));
            case "slot_reset" -> new SlotReset(at, name(json, "slot"));
            case "slot_requested" -> new SlotRequested(at, name(json, "slot"), json.getInteger("attempt"));
            case "flow_started" -> new FlowStarted(at, name(json, "flow"));
            case "flow_step_completed" -> new FlowStepCompleted(at, name(json, "flow"), json.getInteger("step"));
            case "flow_jumped" -> new FlowJumped(at, name(json, "flow"), json.getInteger("step"));
            case "flow_ended" -> new FlowEnded(at, name(json, "flow"), FlowEnded.Outcome.valueOf(json.getString("outcome")));
            case "action" -> new ActionExecuted(at, name(json, "action"));
            case "escalation_requested" -> new EscalationRequested(at, json.getString("escalation"), json.getString("reason"),
                    json.getString("priority"));
            case "safety_flagged" -> new SafetyFlagged(at, json.getString("category"), json.getString("phrase"));
            case "navigator_joined" -> new NavigatorJoined(at, json.getString("escalation"), json.getString("navigator"));
            case "navigator" -> new NavigatorUttered(at, json.getString("navigator"), json.getString("text"));
            case "navigator_left" -> new NavigatorLeft(at, json.getString("navigator"), json.getString("outcome"));
            case "note" -> new NoteAdded(at, json.getString("navigator"), json.getString("text"));
            default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
        };
    }
}
