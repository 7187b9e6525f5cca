package org.signpost.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.signpost.core.event.ConversationEvent;

/**
 * Conversations' events held in memory by one instance, the least recently used giving way once
 * the events held in all pass a budget: their memory grows with events, not with conversations,
 * so a few very long conversations cannot exhaust the heap. Thread-safe.
 */
public final class HeldConversations {

    private final LinkedHashMap<String, List<ConversationEvent>> held = new LinkedHashMap<>(16, 0.75f, true);
    private final int budget;
    private long events;

    /** @param budget events held in all, at most (0 holds nothing) */
    public HeldConversations(int budget) {
        this.budget = budget;
    }

    /** The conversation's events, or null when it is not held. */
    public synchronized List<ConversationEvent> get(String conversationId) {
        return held.get(conversationId);
    }

    /** Holds the conversation's events (none, for a conversation not begun: that is worth knowing too). */
    public synchronized void put(String conversationId, List<ConversationEvent> conversation) {
        List<ConversationEvent> before = held.put(conversationId, List.copyOf(conversation));
        events += weight(conversation) - weight(before);
        Iterator<List<ConversationEvent>> eldest = held.values().iterator();
        while (events > budget && eldest.hasNext()) {
            events -= weight(eldest.next());
            eldest.remove();
        }
    }

    /** What a conversation counts against the budget: its events, and at least one. */
    private static int weight(List<ConversationEvent> conversation) {
        return conversation == null ? 0 : Math.max(1, conversation.size());
    }

    /**
     * Adds {@code appended} to a held conversation, if it is held. With {@code lengthAfter} at 0
     * or more, only if that is the length it then has (what the store says it has); otherwise it
     * is forgotten, to be read again.
     */
    public synchronized void extend(String conversationId, List<ConversationEvent> appended, long lengthAfter) {
        List<ConversationEvent> conversation = held.get(conversationId);
        if (conversation == null) {
            return;
        }
        if (lengthAfter >= 0 && lengthAfter != conversation.size() + appended.size()) {
            remove(conversationId);
            return;
        }
        List<ConversationEvent> longer = new ArrayList<>(conversation.size() + appended.size());
        longer.addAll(conversation);
        longer.addAll(appended);
        put(conversationId, longer);
    }

    public synchronized void remove(String conversationId) {
        events -= weight(held.remove(conversationId));
    }

    public synchronized void clear() {
        held.clear();
        events = 0;
    }
}
