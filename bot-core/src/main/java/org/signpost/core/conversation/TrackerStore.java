package org.signpost.core.conversation;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.signpost.core.event.ConversationEvent;

/**
 * Keeps each conversation's event log. Implementations never block the calling thread; failures
 * arrive as failed futures. Events of one conversation are appended under its
 * {@link ConversationLock}, so implementations need not order concurrent appends themselves.
 */
public interface TrackerStore {

    /** Every event of the conversation in the order appended; an empty list for a new one. */
    Future<List<ConversationEvent>> load(String conversationId);

    /**
     * The conversation's events from index {@code from} on, with its length: what a turn reads
     * when it already knows the events before (a turn's cost then does not grow with its
     * conversation). Stores that can read part of a conversation override this; the default reads
     * it whole.
     */
    default Future<EventsFrom> loadFrom(String conversationId, int from) {
        return load(conversationId).map(all -> EventsFrom.of(all, from));
    }

    /** Appends events after those already stored. The future completes once they are kept. */
    Future<Void> append(String conversationId, List<ConversationEvent> events);

    /** The ids of every conversation kept, for reports. */
    Future<List<String>> conversationIds();

    /**
     * Deletes the conversations whose last event is before {@code cutoff} (retention); completes
     * with how many were deleted. A store whose entries expire by themselves may delete none.
     */
    Future<Integer> deleteIdleSince(Instant cutoff);
}
