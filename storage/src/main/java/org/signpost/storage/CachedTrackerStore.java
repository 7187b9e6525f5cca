package org.signpost.storage;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * A single instance's cache of recent conversations in front of the durable store: a load of a
 * cached conversation costs no store call; every append still goes to the durable store first,
 * and the cache only changes once it has succeeded. Only for one instance (with several, another
 * instance's appends would not be seen: Redis is the shared hot store there). It holds at most
 * its budget of bytes ({@link HeldConversations} decides which conversations give way).
 */
public final class CachedTrackerStore implements TrackerStore {

    private final TrackerStore durable;
    private final HeldConversations cache;

    /** @param bytesHeld the estimated bytes of events the cache holds, over all conversations */
    public CachedTrackerStore(TrackerStore durable, long bytesHeld) {
        this.durable = Objects.requireNonNull(durable, "durable");
        this.cache = new HeldConversations(bytesHeld);
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        List<ConversationEvent> cached = cache.get(conversationId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return durable.load(conversationId).map(events -> {
            cache.put(conversationId, events);
            return events;
        });
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        return durable.append(conversationId, events).map(done -> {
            cache.extend(conversationId, events, -1);
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
            cache.forgetBegunBefore(cutoff);
            return deleted;
        });
    }
}
