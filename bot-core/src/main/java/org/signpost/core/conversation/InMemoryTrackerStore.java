package org.signpost.core.conversation;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.core.event.ConversationEvent;

/** Event logs in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryTrackerStore implements TrackerStore {

    private final Map<String, List<ConversationEvent>> logs = new ConcurrentHashMap<>();

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        List<ConversationEvent> log = logs.get(conversationId);
        if (log == null) {
            return Future.succeededFuture(List.of());
        }
        synchronized (log) {
            return Future.succeededFuture(List.copyOf(log));
        }
    }

    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        int deleted = 0;
        for (Map.Entry<String, List<ConversationEvent>> log : logs.entrySet()) {
            boolean idle;
            synchronized (log.getValue()) {
                List<ConversationEvent> events = log.getValue();
                idle = events.isEmpty() || events.get(events.size() - 1).at().isBefore(cutoff);
            }
            if (idle && logs.remove(log.getKey(), log.getValue())) {
                deleted++;
            }
        }
        return Future.succeededFuture(deleted);
    }

    @Override
    public Future<List<String>> conversationIds() {
        return Future.succeededFuture(List.copyOf(logs.keySet()));
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        List<ConversationEvent> log = logs.computeIfAbsent(conversationId, id -> new ArrayList<>());
        synchronized (log) {
            log.addAll(events);
        }
        return Future.succeededFuture();
    }
}
