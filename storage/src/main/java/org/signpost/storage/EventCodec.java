package org.signpost.storage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * Conversation events as JSON: {@code {"at": "...", "type": "slot_set", ...}}, with Rasa-like
 * snake_case type names, as every tracker store keeps them (Redis, MongoDB, the journal). Every event type round-trips; an unknown type is an error, never a
 * silently dropped event. Written and read with Jackson's streaming API rather than through a
 * JSON object tree: every turn writes its events and a conversation not held in memory is read
 * whole, and building the tree (a map per event, a list and a map per button) cost a third of
 * the encoding and a sixth of the decoding.
 * Fields may come in any order, and fields this version does not know are skipped.
 */
public final class EventCodec {

    /** UTF-8 output writes characters outside the Basic Multilingual Plane (emoji) as strings do, not escaped. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private EventCodec() {
    }

    /**
     * The events encoded, in order; consecutive events at the same time format it once. One
     * generator writes them all, each taken from its buffer as it ends: a generator and a writer
     * for each event were a tenth of what a turn allocates (an allocation profile).
     */
    public static List<String> encodeAll(List<ConversationEvent> events) {
        List<String> encoded = new ArrayList<>(events.size());
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.setRootValueSeparator(null);
            Times times = new Times();
            for (ConversationEvent event : events) {
                writeEvent(json, event, times);
                json.flush();
                StringBuffer written = text.getBuffer();
                encoded.add(written.toString());
                written.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return encoded;
    }

    /**
     * Writes events as UTF-8 JSON to a stream, each whole in it once {@link #write} returns: for a
     * store that keeps bytes (the journal), with no string for each event on the way (the
     * strings, and their encoding to UTF-8, were about a third of what encoding a turn cost in a
     * throwaway measurement). Not thread-safe.
     */
    public static final class Utf8Writer implements AutoCloseable {
        private final JsonGenerator json;
        private final Times times = new Times();

        public Utf8Writer(OutputStream out) {
            try {
                json = JSON.createGenerator(out, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.setRootValueSeparator(null);
        }

        public void write(ConversationEvent event) {
            try {
                writeEvent(json, event, times);
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Gives the generator's buffers back for the next writer on this thread; closes the stream. */
        @Override
        public void close() {
            try {
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Consecutive events at the same time format it once. */
    private static final class Times {
        private Instant previous;
        private String text;

        String of(Instant at) {
            if (!at.equals(previous)) {
                previous = at;
                text = at.toString();
            }
            return text;
        }
    }

    private static void writeEvent(JsonGenerator json, ConversationEvent event, Times times) throws IOException {
        json.writeStartObject();
        json.writeStringField("at", times.of(event.at()));
        writeFields(json, event);
        json.writeEndObject();
    }

    private static void writeFields(JsonGenerator json, ConversationEvent event) throws IOException {
        if (event instanceof SessionStarted e) {
            type(json, "session_started").writeStringField("channel", e.channel().id());
        } else if (event instanceof UserUttered e) {
            type(json, "user").writeStringField("text", e.text());
            json.writeStringField("intent", e.intent());
            json.writeNumberField("confidence", e.confidence());
            json.writeArrayFieldStart("entities");
            for (EntityValue entity : e.entities()) {
                writePair(json, "entity", entity.entity(), "value", entity.value());
            }
            json.writeEndArray();
            if (!e.shown().isEmpty()) {
                json.writeStringField("shown", e.shown());
            }
            if (!e.messageId().isEmpty()) {
                json.writeStringField("message_id", e.messageId());
            }
        } else if (event instanceof BotUttered e) {
            type(json, "bot").writeStringField("response", e.response());
            json.writeStringField("text", e.text());
            json.writeArrayFieldStart("buttons");
            for (Button button : e.buttons()) {
                writePair(json, "title", button.title(), "payload", button.payload());
            }
            json.writeEndArray();
        } else if (event instanceof SlotSet e) {
            type(json, "slot_set").writeStringField("slot", e.slot());
            json.writeStringField("value", e.value());
        } else if (event instanceof SlotReset e) {
            type(json, "slot_reset").writeStringField("slot", e.slot());
        } else if (event instanceof SlotRequested e) {
            type(json, "slot_requested").writeStringField("slot", e.slot());
            json.writeNumberField("attempt", e.attempt());
        } else if (event instanceof FlowStarted e) {
            type(json, "flow_started").writeStringField("flow", e.flow());
        } else if (event instanceof FlowStepCompleted e) {
            type(json, "flow_step_completed").writeStringField("flow", e.flow());
            json.writeNumberField("step", e.step());
        } else if (event instanceof FlowJumped e) {
            type(json, "flow_jumped").writeStringField("flow", e.flow());
            json.writeNumberField("step", e.step());
        } else if (event instanceof FlowEnded e) {
            type(json, "flow_ended").writeStringField("flow", e.flow());
            json.writeStringField("outcome", e.outcome().name());
        } else if (event instanceof ActionExecuted e) {
            type(json, "action").writeStringField("action", e.action());
        } else if (event instanceof EscalationRequested e) {
            type(json, "escalation_requested").writeStringField("escalation", e.escalationId());
            json.writeStringField("reason", e.reason());
            json.writeStringField("priority", e.priority());
        } else if (event instanceof SafetyFlagged e) {
            type(json, "safety_flagged").writeStringField("category", e.category());
            json.writeStringField("phrase", e.phrase());
        } else if (event instanceof NavigatorJoined e) {
            type(json, "navigator_joined").writeStringField("escalation", e.escalationId());
            json.writeStringField("navigator", e.navigator());
        } else if (event instanceof NavigatorUttered e) {
            type(json, "navigator").writeStringField("navigator", e.navigator());
            json.writeStringField("text", e.text());
        } else if (event instanceof NavigatorLeft e) {
            type(json, "navigator_left").writeStringField("navigator", e.navigator());
            json.writeStringField("outcome", e.outcome());
        } else if (event instanceof NoteAdded e) {
            type(json, "note").writeStringField("navigator", e.navigator());
            json.writeStringField("text", e.text());
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
    }

    /** An object of two string fields: an entity, a button. */
    private static void writePair(JsonGenerator json, String firstName, String first, String secondName, String second)
            throws IOException {
        json.writeStartObject();
        json.writeStringField(firstName, first);
        json.writeStringField(secondName, second);
        json.writeEndObject();
    }

    private static JsonGenerator type(JsonGenerator json, String type) throws IOException {
        json.writeStringField("type", type);
        return json;
    }

    /**
     * Decodes a conversation's events, sharing what they repeat: the events of one turn share
     * their time, and names and the bot's replies (fixed text, mostly) are interned, so that a
     * conversation held in memory costs its own words only. The user's and navigators' words
     * and slot values are not interned. Interned strings go once nothing refers to them, as all
     * strings do: {@link String#intern} keeps them weakly.
     *
     * @throws IllegalArgumentException for an entry that is not an event (the message says where,
     *     never what the entry holds: it may hold what someone wrote)
     */
    public static List<ConversationEvent> decodeAll(List<String> encoded) {
        List<ConversationEvent> events = new ArrayList<>(encoded.size());
        String previousAt = null;
        Instant at = null;
        for (String entry : encoded) {
            Fields fields = new Fields(entry);
            if (fields.at == null) {
                throw new IllegalArgumentException("a stored event has no time ('at')");
            }
            if (!fields.at.equals(previousAt)) {
                at = IsoInstant.parse(fields.at);
                previousAt = fields.at;
            }
            events.add(fields.event(at));
        }
        return events;
    }

    /** One event's fields as read. */
    private static final class Fields {
        String at;
        String type;
        String channel;
        String text;
        String intent;
        double confidence;
        final List<EntityValue> entities = new ArrayList<>();
        String shown;
        String messageId;
        String response;
        final List<Button> buttons = new ArrayList<>();
        String slot;
        String value;
        int attempt;
        String flow;
        int step;
        String outcome;
        String action;
        String escalation;
        String reason;
        String priority;
        String category;
        String phrase;
        String navigator;

        Fields(String entry) {
            try (JsonParser json = JSON.createParser(entry)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("a stored event is not a JSON object");
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    switch (name) {
                        case "at" -> at = string(json);
                        case "type" -> type = string(json);
                        case "channel" -> channel = string(json);
                        case "text" -> text = string(json);
                        case "intent" -> intent = string(json);
                        case "confidence" -> confidence = json.getValueAsDouble();
                        case "entities" -> readPairs(json, "entity", "value", (entity, value) ->
                                entities.add(new EntityValue(intern(entity), value)));
                        case "shown" -> shown = string(json);
                        case "message_id" -> messageId = string(json);
                        case "response" -> response = string(json);
                        case "buttons" -> readPairs(json, "title", "payload", (title, payload) ->
                                buttons.add(new Button(intern(title), intern(payload))));
                        case "slot" -> slot = string(json);
                        case "value" -> value = string(json);
                        case "attempt" -> attempt = json.getValueAsInt();
                        case "flow" -> flow = string(json);
                        case "step" -> step = json.getValueAsInt();
                        case "outcome" -> outcome = string(json);
                        case "action" -> action = string(json);
                        case "escalation" -> escalation = string(json);
                        case "reason" -> reason = string(json);
                        case "priority" -> priority = string(json);
                        case "category" -> category = string(json);
                        case "phrase" -> phrase = string(json);
                        case "navigator" -> navigator = string(json);
                        default -> json.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                // Jackson's own message quotes the entry, which may hold what someone wrote.
                JsonLocation where = e.getLocation();
                throw new IllegalArgumentException("a stored event is not valid JSON (at character "
                        + (where == null ? "?" : String.valueOf(where.getCharOffset())) + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("reading a string cannot fail", e);
            }
        }

        /** The current value as text (a number's digits too), or null for JSON null. */
        private static String string(JsonParser json) throws IOException {
            if (json.currentToken().isStructStart()) {
                throw new IllegalArgumentException("a stored event's '" + json.currentName() + "' is not a single value");
            }
            return json.getValueAsString();
        }

        /** An array of objects of two string fields each, or null for none. */
        private static void readPairs(JsonParser json, String first, String second, PairConsumer each) throws IOException {
            if (json.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (json.currentToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("a stored event's '" + json.currentName() + "' is not a list");
            }
            while (json.nextToken() == JsonToken.START_OBJECT) {
                String a = null;
                String b = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    if (name.equals(first)) {
                        a = string(json);
                    } else if (name.equals(second)) {
                        b = string(json);
                    } else {
                        json.skipChildren();
                    }
                }
                each.accept(a, b);
            }
        }

        private interface PairConsumer {
            void accept(String first, String second);
        }

        ConversationEvent event(Instant when) {
            String kind = type == null ? "" : type;
            return switch (kind) {
                case "session_started" -> new SessionStarted(when, Channel.fromId(channel));
                case "user" -> new UserUttered(when, text, intern(intent), confidence, List.copyOf(entities),
                        shown == null ? "" : shown, messageId == null ? "" : messageId);
                case "bot" -> new BotUttered(when, intern(response), intern(text), List.copyOf(buttons));
                case "slot_set" -> new SlotSet(when, intern(slot), value);
                case "slot_reset" -> new SlotReset(when, intern(slot));
                case "slot_requested" -> new SlotRequested(when, intern(slot), attempt);
                case "flow_started" -> new FlowStarted(when, intern(flow));
                case "flow_step_completed" -> new FlowStepCompleted(when, intern(flow), step);
                case "flow_jumped" -> new FlowJumped(when, intern(flow), step);
                case "flow_ended" -> new FlowEnded(when, intern(flow), FlowEnded.Outcome.valueOf(outcome));
                case "action" -> new ActionExecuted(when, intern(action));
                case "escalation_requested" -> new EscalationRequested(when, escalation, reason, priority);
                case "safety_flagged" -> new SafetyFlagged(when, category, phrase);
                case "navigator_joined" -> new NavigatorJoined(when, escalation, navigator);
                case "navigator" -> new NavigatorUttered(when, navigator, text);
                case "navigator_left" -> new NavigatorLeft(when, navigator, outcome);
                case "note" -> new NoteAdded(when, navigator, text);
                default -> throw new IllegalArgumentException("unknown event type '" + kind + "'");
            };
        }
    }

    private static String intern(String name) {
        return name == null ? null : name.intern();
    }
}
