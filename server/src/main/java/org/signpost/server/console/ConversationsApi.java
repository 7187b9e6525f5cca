package org.signpost.server.console;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.connectors.web.transcript.TranscriptJson;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.handoff.Handoffs;
import org.signpost.core.handoff.Outcome;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;
import org.signpost.core.transcript.Transcript;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.error.InvalidInputException;
import org.signpost.server.http.JsonResponse;
import org.signpost.server.staff.StaffAuth;

/**
 * A conversation as navigators see and work it: {@code GET /api/conversations/{id}} (transcript,
 * collected details, safety flags, handoff state; every read is audited), and the navigator's
 * actions on it: messages, notes, release.
 */
public final class ConversationsApi {

    static final int MAX_TEXT = 2_000;

    private final TrackerStore trackers;
    private final Handoffs handoffs;
    private final AuditLog audit;
    private final Clock clock;

    public ConversationsApi(TrackerStore trackers, Handoffs handoffs, AuditLog audit, Clock clock) {
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void mount(Router router, Handler<RoutingContext> body) {
        var navigators = StaffAuth.requireAny(Role.NAVIGATOR);
        router.get("/api/conversations/:id").handler(navigators).handler(this::read);
        router.post("/api/conversations/:id/messages").handler(navigators).handler(body).handler(this::message);
        router.post("/api/conversations/:id/notes").handler(navigators).handler(body).handler(this::note);
        router.post("/api/conversations/:id/release").handler(navigators).handler(body).handler(this::release);
    }

    private void read(RoutingContext context) {
        String id = context.pathParam("id");
        trackers.load(id).compose(events -> {
            if (events.isEmpty()) {
                throw new HttpException(404, "no conversation has that id");
            }
            return StaffAuth.audited(audit, clock, context, "conversation.read", id).map(events);
        }).onSuccess(events -> JsonResponse.send(context, 200, describe(id, events).encode())).onFailure(context::fail);
    }

    static JsonObject describe(String id, List<ConversationEvent> events) {
        ConversationState state = ConversationState.fold(id, events);
        String channel = "";
        for (ConversationEvent event : events) {
            if (event instanceof SessionStarted started) {
                channel = started.channel().id();
            }
        }
        JsonArray transcript = new JsonArray();
        JsonArray safety = new JsonArray();
        for (TranscriptEntry entry : Transcript.of(events)) {
            JsonObject line = TranscriptJson.staff(entry);
            transcript.add(line);
            if (entry.kind() == TranscriptEntry.Kind.SAFETY) {
                safety.add(new JsonObject().put("category", entry.detail()).put("phrase", entry.text())
                        .put("at", entry.at().toString()));
            }
        }
        String handoff = state.navigator().isPresent() ? "joined" : state.escalationId().isPresent() ? "waiting" : "none";
        return new JsonObject().put("conversation_id", id).put("channel", channel)
                .put("handoff", new JsonObject().put("state", handoff).put("navigator", state.navigator().orElse("")))
                .put("slots", new JsonObject(new LinkedHashMap<>(new TreeMap<>(state.slots()))))
                .put("safety", safety).put("transcript", transcript);
    }

    private void message(RoutingContext context) {
        String id = context.pathParam("id");
        String text = text(context);
        handoffs.say(id, StaffAuth.username(context), text)
                .compose(seq -> StaffAuth.audited(audit, clock, context, "conversation.message", id).map(seq))
                .onSuccess(seq -> JsonResponse.send(context, 201, new JsonObject().put("seq", seq).encode()))
                .onFailure(context::fail);
    }

    private void note(RoutingContext context) {
        String id = context.pathParam("id");
        String text = text(context);
        handoffs.note(id, StaffAuth.username(context), text)
                .compose(noted -> StaffAuth.audited(audit, clock, context, "conversation.note", id))
                .onSuccess(noted -> JsonResponse.send(context, 201, "{}"))
                .onFailure(context::fail);
    }

    private void release(RoutingContext context) {
        String id = context.pathParam("id");
        String outcomeId = JsonBodies.string(JsonBodies.object(context), "outcome", 20);
        Outcome outcome;
        try {
            outcome = Outcome.fromId(outcomeId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid_field", e.getMessage());
        }
        handoffs.release(id, StaffAuth.username(context), outcome)
                .compose(released -> StaffAuth.audited(audit, clock, context, "conversation.release." + outcome.id(), id))
                .onSuccess(released -> JsonResponse.send(context, 200, new JsonObject().put("outcome", outcome.id()).encode()))
                .onFailure(context::fail);
    }

    private static String text(RoutingContext context) {
        String text = JsonBodies.string(JsonBodies.object(context), "text", MAX_TEXT).strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("invalid_field", "the field 'text' must not be empty");
        }
        return text;
    }
}
