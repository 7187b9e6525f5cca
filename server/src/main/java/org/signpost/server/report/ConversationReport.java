package org.signpost.server.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.UserUttered;
import org.signpost.nlu.ParseResult;

/**
 * Conversation figures for a period, from the event logs: sessions by day and channel,
 * containment (sessions that ended without a person), escalations and safety events (in total
 * and by the day they happened), how long people waited for a navigator and how navigators left
 * (the outcomes), the share of messages not understood, and the commonest intents. Reads every log: fine for the
 * in-memory store; persistent stores will want a projection kept as events are appended.
 */
final class ConversationReport {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final int TOP_INTENTS = 10;

    private ConversationReport() {
    }

    static Future<JsonObject> of(TrackerStore trackers, Instant start, Instant end) {
        return trackers.conversationIds().compose(ids -> {
            List<Future<List<ConversationEvent>>> logs = new ArrayList<>();
            ids.forEach(id -> logs.add(trackers.load(id)));
            return Future.all(logs).map(done -> {
                Tally tally = new Tally();
                logs.forEach(log -> tally.add(log.result(), start, end));
                return tally.json();
            });
        });
    }

    /** Counts over every session that started in the period. */
    private static final class Tally {
        final Map<String, Map<String, Integer>> byDay = new TreeMap<>();
        final Map<String, Integer> escalations = new TreeMap<>();
        final Map<String, Integer> safety = new TreeMap<>();
        final Map<String, int[]> escalationsAndSafetyByDay = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final List<Long> waits = new ArrayList<>();
        final Map<String, Integer> intents = new TreeMap<>();
        int sessions;
        int contained;
        int messages;
        int notUnderstood;

        void add(List<ConversationEvent> events, Instant start, Instant end) {
            boolean counting = false;
            boolean escalated = false;
            Instant queued = null;
            for (ConversationEvent event : events) {
                if (event instanceof SessionStarted started) {
                    if (counting && !escalated) {
                        contained++;
                    }
                    counting = !started.at().isBefore(start) && started.at().isBefore(end);
                    escalated = false;
                    queued = null;
                    if (counting) {
                        sessions++;
                        byDay.computeIfAbsent(started.at().atZone(UK).toLocalDate().toString(), day -> new TreeMap<>())
                                .merge(started.channel().id(), 1, Integer::sum);
                    }
                } else if (!counting) {
                    continue;
                } else if (event instanceof UserUttered uttered) {
                    messages++;
                    notUnderstood += ParseResult.FALLBACK_INTENT.equals(uttered.intent()) ? 1 : 0;
                    intents.merge(uttered.intent(), 1, Integer::sum);
                } else if (event instanceof EscalationRequested requested) {
                    escalated = true;
                    escalations.merge(requested.priority(), 1, Integer::sum);
                    day(requested.at())[0]++;
                    queued = requested.at();
                } else if (event instanceof NavigatorJoined joined) {
                    if (queued != null) {
                        waits.add(Math.max(0, Duration.between(queued, joined.at()).toSeconds()));
                        queued = null;
                    }
                } else if (event instanceof NavigatorLeft left) {
                    outcomes.merge(left.outcome(), 1, Integer::sum);
                } else if (event instanceof SafetyFlagged flagged) {
                    safety.merge(flagged.category(), 1, Integer::sum);
                    day(flagged.at())[1]++;
                }
            }
            if (counting && !escalated) {
                contained++;
            }
        }

        /** Escalations [0] and safety events [1] on the UK day of {@code at}. */
        private int[] day(Instant at) {
            return escalationsAndSafetyByDay.computeIfAbsent(at.atZone(UK).toLocalDate().toString(), day -> new int[2]);
        }

        JsonObject json() {
            JsonObject days = new JsonObject();
            byDay.forEach((day, channels) -> days.put(day, new JsonObject(new LinkedHashMap<>(channels))));
            JsonObject top = new JsonObject();
            intents.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP_INTENTS)
                    .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
            return new JsonObject()
                    .put("conversations_by_day_and_channel", days)
                    .put("containment", new JsonObject().put("sessions", sessions).put("without_a_person", contained)
                            .put("rate", sessions == 0 ? null : Math.round(1000.0 * contained / sessions) / 1000.0))
                    .put("escalations_by_priority", new JsonObject(new LinkedHashMap<>(escalations)))
                    .put("safety_events_by_category", new JsonObject(new LinkedHashMap<>(safety)))
                    .put("escalations_and_safety_events_by_day", byDay())
                    .put("escalation_outcomes", new JsonObject(new LinkedHashMap<>(outcomes)))
                    .put("navigator_wait_seconds", waitFigures())
                    .put("fallback_rate", messages == 0 ? null : Math.round(1000.0 * notUnderstood / messages) / 1000.0)
                    .put("top_intents", top);
        }

        /** How long people waited from joining the queue to a navigator joining: count, median and longest. */
        private JsonObject waitFigures() {
            List<Long> sorted = waits.stream().sorted().toList();
            int n = sorted.size();
            return new JsonObject().put("joined", n)
                    .put("median", n == 0 ? null : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2)
                    .put("longest", n == 0 ? null : sorted.get(n - 1));
        }

        private JsonObject byDay() {
            JsonObject days = new JsonObject();
            escalationsAndSafetyByDay.forEach((day, counts) -> days.put(day,
                    new JsonObject().put("escalations", counts[0]).put("safety_events", counts[1])));
            return days;
        }
    }
}
