package org.signpost.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * A single instance's memory of each recent conversation's length and last event, in front of
 * the durable store. A turn reads its conversation from its last known event on
 * ({@link #loadFrom}); when that is the conversation's last event here, the answer needs no store
 * call. Every other read goes to the durable store, and every append goes there first: this
 * memory changes only once it has succeeded. Events themselves are not held: turns know their
 * conversations' state without them, and holding them made an instance's memory grow with every
 * turn until conversations no longer fitted and each turn read its whole conversation again
 * (docs/benchmarks.md). Only for one instance (with several, another instance's appends would not
 * be seen: Redis is the shared hot store there).
 */
public final class CachedTrackerStore implements TrackerStore {

    /**
     * A conversation's length, when it began (null when that is not known or it has no events)
     * and its last event (null when it has none).
     */
    private record Tail(int length, Instant begun, ConversationEvent last) {

        static Tail of(List<ConversationEvent> events) {
            return events.isEmpty() ? new Tail(0, null, null)
                    : new Tail(events.size(), events.get(0).at(), events.get(events.size() - 1));
        }

        Tail plus(List<ConversationEvent> appended) {
            return new Tail(length + appended.size(), length == 0 ? appended.get(0).at() : begun,
                    appended.get(appended.size() - 1));
        }
    }

    private final TrackerStore durable;
    private final Cache<String, Tail> tails;

    /** @param conversations how many conversations' tails to remember at most */
    public CachedTrackerStore(TrackerStore durable, long conversations) {
        this.durable = Objects.requireNonNull(durable, "durable");
        this.tails = Caffeine.newBuilder().maximumSize(conversations).executor(Runnable::run).build();
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        return durable.load(conversationId).map(events -> {
            remember(conversationId, Tail.of(events));
            return events;
        });
    }

    @Override
    public Future<EventsFrom> loadFrom(String conversationId, int from) {
        Tail tail = tails.getIfPresent(conversationId);
        if (tail != null && from >= tail.length()) {
            return Future.succeededFuture(new EventsFrom(from, tail.length(), List.of()));
        }
        if (tail != null && from == tail.length() - 1) {
            return Future.succeededFuture(new EventsFrom(from, tail.length(), List.of(tail.last())));
        }
        return durable.loadFrom(conversationId, from).map(part -> {
            if (!part.events().isEmpty() && part.from() + part.events().size() == part.length()) {
                Instant begun = part.from() == 0 ? part.events().get(0).at() : null;
                remember(conversationId, new Tail(part.length(), begun, part.events().get(part.events().size() - 1)));
            }
            return part;
        });
    }

    /**
     * Keeps the longer of what is remembered and {@code tail}: a log only grows (retention
     * forgets what it deletes), and a read that ran beside an append may answer the shorter.
     */
    private void remember(String conversationId, Tail tail) {
        tails.asMap().merge(conversationId, tail, (known, read) -> known.length() >= read.length() ? known : read);
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        return durable.append(conversationId, events).map(done -> {
            if (!events.isEmpty()) {
                tails.asMap().computeIfPresent(conversationId, (id, tail) -> tail.plus(events));
            }
            return null;
        });
    }

    @Override
    public Future<List<String>> conversationIds() {
        return durable.conversationIds();
    }

    /**
     * Forgets the tails of the conversations begun before {@code cutoff} (or not known to have
     * begun after it): all that retention may have deleted, including one whose turn came in
     * while it ran. The rest stay: forgetting all would make every conversation's next turn read
     * it whole, at once.
     */
    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        return durable.deleteIdleSince(cutoff).onComplete(deleted -> tails.asMap().values()
                .removeIf(tail -> tail.length() > 0 && (tail.begun() == null || tail.begun().isBefore(cutoff))));
    }
}
