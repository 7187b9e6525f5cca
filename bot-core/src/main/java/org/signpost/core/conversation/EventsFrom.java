package org.signpost.core.conversation;

import java.util.List;
import org.signpost.core.event.ConversationEvent;

/**
 * Part of a conversation's event log: its events from index {@code from} on (none when it has no
 * more than {@code from}), and how many events it has in all.
 */
public record EventsFrom(int from, int length, List<ConversationEvent> events) {

    public EventsFrom {
        if (from < 0 || length < 0) {
            throw new IllegalArgumentException("from " + from + " and length " + length + " must not be negative");
        }
        events = List.copyOf(events);
    }

    /** The part of a whole log from {@code from} on. */
    public static EventsFrom of(List<ConversationEvent> all, int from) {
        return new EventsFrom(from, all.size(), all.subList(Math.min(from, all.size()), all.size()));
    }
}
