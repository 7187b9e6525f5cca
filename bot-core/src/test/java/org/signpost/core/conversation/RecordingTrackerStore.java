package org.signpost.core.conversation;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.signpost.core.event.ConversationEvent;

/**
 * An in-memory tracker store that records how it is read ("whole", or "from N"), and can report
 * its next append as failed once it has kept it (a store that did not answer in time).
 */
public final class RecordingTrackerStore implements TrackerStore {

    private final InMemoryTrackerStore store = new InMemoryTrackerStore();
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private volatile boolean failNextAppendOnceKept;

    /** Every read so far, in order. */
    public List<String> reads() {
        return reads;
    }

    public void failNextAppendOnceKept() {
        failNextAppendOnceKept = true;
    }

    /** The conversation's events, read without being recorded. */
    public List<ConversationEvent> events(String conversationId) {
        return store.load(conversationId).result();
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        reads.add("whole");
        return store.load(conversationId);
    }

    @Override
    public Future<EventsFrom> loadFrom(String conversationId, int from) {
        reads.add("from " + from);
        return store.loadFrom(conversationId, from);
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        Future<Void> kept = store.append(conversationId, events);
        if (failNextAppendOnceKept) {
            failNextAppendOnceKept = false;
            return kept.compose(done -> Future.failedFuture(new StoreUnavailableException("test", new RuntimeException("no answer"))));
        }
        return kept;
    }

    @Override
    public Future<List<String>> conversationIds() {
        return store.conversationIds();
    }

    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        return store.deleteIdleSince(cutoff);
    }
}
