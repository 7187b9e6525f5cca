package org.signpost.storage;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.redis.RedisTrackerStore;

/**
 * Hot conversation state in a fast store (Redis) backed by a durable transcript (MongoDB, or the
 * journal). Every append goes to both, encoded once for both where the transcript can take it so
 * ({@link EncodedAppends}), and a turn is only acknowledged when both have kept it; a load reads the
 * fast store and falls back to the transcript when the hot copy has expired or been lost.
 */
public final class DurableTrackerStore implements TrackerStore {

    private final RedisTrackerStore hot;
    private final TrackerStore transcript;

    public DurableTrackerStore(RedisTrackerStore hot, TrackerStore transcript) {
        this.hot = Objects.requireNonNull(hot, "hot");
        this.transcript = Objects.requireNonNull(transcript, "transcript");
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        return hot.load(conversationId).compose(events -> events.isEmpty()
                // A lost hot copy is put back whole before anything is appended to it again, so it
                // never holds only the latest events of a conversation.
                ? transcript.load(conversationId).compose(kept -> hot.restore(conversationId, kept).map(kept))
                : Future.succeededFuture(events));
    }

    @Override
    public Future<EventsFrom> loadFrom(String conversationId, int from) {
        return hot.loadFrom(conversationId, from).compose(part -> part.length() == 0
                ? load(conversationId).map(kept -> EventsFrom.of(kept, from))
                : Future.succeededFuture(part));
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        if (transcript instanceof EncodedAppends encodes) {
            List<String> encoded = EventCodec.encodeAll(events);
            return Future.all(hot.append(conversationId, events, encoded), encodes.append(conversationId, events, encoded))
                    .mapEmpty();
        }
        return Future.all(hot.append(conversationId, events), transcript.append(conversationId, events)).mapEmpty();
    }

    @Override
    public Future<List<String>> conversationIds() {
        return transcript.conversationIds();
    }

    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        return Future.all(hot.deleteIdleSince(cutoff), transcript.deleteIdleSince(cutoff))
                .map(done -> done.<Integer>resultAt(1));
    }
}
