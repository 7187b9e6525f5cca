package org.signpost.storage;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * A single instance's cache of recent conversations in front of the durable store: a load of a
 * cached conversation costs no store call; every append still goes to the durable store first,
 * and the cache only changes once it has succeeded. Only for one instance (with several, another
 * instance's appends would not be seen: Redis is the shared hot store there). Least recently used
 * conversations leave the cache beyond {@code capacity}.
 */
public final class CachedTrackerStore implements TrackerStore {

    private final TrackerStore durable;
    private final Map<String, List<ConversationEvent>> cache;

    public CachedTrackerStore(TrackerStore durable, int capacity) {
        this.durable = Objects.requireNonNull(durable, "durable");
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ConversationEvent>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        List<ConversationEvent> cached;
        synchronized (cache) {
            cached = cache.get(conversationId);
        }
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return durable.load(conversationId).map(events -> {
            synchronized (cache) {
                cache.put(conversationId, List.copyOf(events));
            }
            return events;
        });
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        return durable.append(conversationId, events).map(done -> {
            synchronized (cache) {
                List<ConversationEvent> cached = cache.get(conversationId);
                if (cached != null) {
                    List<ConversationEvent> longer = new ArrayList<>(cached);
                    longer.addAll(events);
                    cache.put(conversationId, List.copyOf(longer));
                }
            }
            return null;
        });
    }

    @Override
    public Future<List<String>> conversationIds() {
        return durable.conversationIds();
    }

    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        return durable.deleteIdleSince(cutoff).map(deleted -> {
            synchronized (cache) {
                cache.clear();
            }
            return deleted;
        });
    }
}
