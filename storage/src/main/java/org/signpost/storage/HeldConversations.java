package org.signpost.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.signpost.core.event.ConversationEvent;

/**
 * Conversations' events held in memory by one instance, within a budget of events in all: their
 * memory grows with events, not with conversations, so a few very long conversations cannot
 * exhaust the heap. Thread-safe.
 *
 * <p>Which conversations give way is Caffeine's Window TinyLFU, not plain least-recently-used:
 * when the conversations in use hold a little more than the budget and come round in turn (the
 * load benchmark's 10,000, or a busy afternoon), least-recently-used evicts each one just before
 * its next message, so every turn reads and decodes its whole conversation again. TinyLFU keeps
 * most of them instead and lets the rest miss.
 */
public final class HeldConversations {

    private final Cache<String, List<ConversationEvent>> held;

    /** @param budget events held in all, at most (0 holds nothing) */
    public HeldConversations(int budget) {
        this.held = Caffeine.newBuilder()
                .maximumWeight(budget)
                .weigher((String id, List<ConversationEvent> events) -> weight(events))
                // Evictions run on the caller's thread, so the budget holds as soon as a put returns.
                .executor(Runnable::run)
                .build();
    }

    /** What a conversation counts against the budget: its events, and at least one. */
    private static int weight(List<ConversationEvent> conversation) {
        return Math.max(1, conversation.size());
    }

    /** The conversation's events, or null when it is not held. */
    public List<ConversationEvent> get(String conversationId) {
        return held.getIfPresent(conversationId);
    }

    /** Holds the conversation's events (none, for a conversation not begun: that is worth knowing too). */
    public void put(String conversationId, List<ConversationEvent> conversation) {
        held.put(conversationId, List.copyOf(conversation));
    }

    /**
     * Adds {@code appended} to a held conversation, if it is held. With {@code lengthAfter} at 0
     * or more, only if that is the length it then has (what the store says it has); otherwise it
     * is forgotten, to be read again.
     */
    public void extend(String conversationId, List<ConversationEvent> appended, long lengthAfter) {
        held.asMap().computeIfPresent(conversationId, (id, conversation) -> {
            if (lengthAfter >= 0 && lengthAfter != conversation.size() + appended.size()) {
                return null;
            }
            List<ConversationEvent> longer = new ArrayList<>(conversation.size() + appended.size());
            longer.addAll(conversation);
            longer.addAll(appended);
            return Collections.unmodifiableList(longer);
        });
    }

    public void remove(String conversationId) {
        held.invalidate(conversationId);
    }

    /**
     * Forgets the conversations begun before {@code cutoff}: all that retention may have deleted
     * from the store, including one whose turn came in while retention ran. The others stay:
     * forgetting all would make every conversation's next turn read it again, at once.
     */
    public void forgetBegunBefore(Instant cutoff) {
        held.asMap().values().removeIf(events -> events.isEmpty() || events.get(0).at().isBefore(cutoff));
    }

    /** The events held in all (for tests: never more than the budget once a put has returned). */
    long events() {
        held.cleanUp();
        return held.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
