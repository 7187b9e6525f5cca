package org.signpost.core.turn;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.UserUttered;
import org.signpost.core.transcript.Transcript;

/**
 * What turns know of the conversations they took part in lately, without their events: how many
 * events each has and its last one, the state they fold to, where its transcript has got to, and
 * (hashed) the ids of the messages it has answered. A turn then reads only the events appended
 * since (by a navigator, or by another instance) instead of its whole conversation, so neither
 * its cost nor what the stores must hold grows with the conversation: held events were most of
 * the heap, and once conversations outgrew the memory kept for them every turn read and folded
 * its whole conversation again (docs/benchmarks.md). At most {@code capacity} conversations are
 * known, the least recently used forgotten first. Thread-safe.
 */
final class KnownConversations {

    /**
     * A conversation as a turn knows it.
     *
     * @param events how many events it has
     * @param lastType the class of its last event (null when it has none)
     * @param lastAt the time of its last event (null when it has none); its type and time are all
     *     a turn checks of it, and the event itself (a reply, with its text and buttons) would be
     *     kept with every conversation and copied by each young collection it lives through
     * @param answered hashes of the ids of the messages it holds, in no order: a message id found
     *     here may have been answered (a hash may collide), one not found was not
     */
    record Known(int events, Class<? extends ConversationEvent> lastType, Instant lastAt, ConversationState state,
            Transcript.Position transcript, long[] answered) {

        private static final long[] NONE = {};

        /** A conversation known from its whole history. */
        static Known of(String conversationId, List<ConversationEvent> history) {
            return new Known(0, null, null, ConversationState.empty(conversationId), Transcript.Position.START, NONE)
                    .after(history);
        }

        /** This conversation with {@code more} appended. */
        Known after(List<ConversationEvent> more) {
            if (more.isEmpty()) {
                return this;
            }
            ConversationState folded = state;
            long[] ids = answered;
            for (ConversationEvent event : more) {
                folded = folded.apply(event);
                if (event instanceof UserUttered said && !said.messageId().isEmpty()) {
                    ids = Arrays.copyOf(ids, ids.length + 1);
                    ids[ids.length - 1] = hash(said.messageId());
                }
            }
            ConversationEvent last = more.get(more.size() - 1);
            return new Known(events + more.size(), last.getClass(), last.at(), folded, transcript.after(more), ids);
        }

        /** Where a turn reads from: this conversation's last event, to check it is still the same conversation. */
        int readFrom() {
            return Math.max(0, events - 1);
        }

        /**
         * Whether {@code part}, read from {@link #readFrom}, goes on from what is known: it starts
         * with the last event known, in its place. A conversation deleted by retention, or deleted
         * and begun again under the same id, does not.
         */
        boolean continuedBy(EventsFrom part) {
            if (events == 0) {
                return part.length() == 0;
            }
            if (part.from() != readFrom() || part.length() < events || part.events().isEmpty()) {
                return false;
            }
            ConversationEvent first = part.events().get(0);
            // Class and time, not equals: an event read back from a store may differ in what it
            // does not keep (a parse's ranking), and a conversation begun again has other times.
            return first.getClass() == lastType && first.at().equals(lastAt);
        }

        /** The events of {@code part} after the last one known. */
        static List<ConversationEvent> newIn(EventsFrom part) {
            return part.events().subList(Math.min(1, part.events().size()), part.events().size());
        }

        boolean mayHaveAnswered(String messageId) {
            long wanted = hash(messageId);
            for (long id : answered) {
                if (id == wanted) {
                    return true;
                }
            }
            return false;
        }

        private static long hash(String text) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < text.length(); i++) {
                h = (h ^ text.charAt(i)) * 0x100000001b3L;
            }
            return h;
        }
    }

    private final Map<String, Known> recent;

    KnownConversations(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What is known of the conversation, or null. */
    Known get(String conversationId) {
        synchronized (recent) {
            return recent.get(conversationId);
        }
    }

    void put(String conversationId, Known known) {
        synchronized (recent) {
            recent.put(conversationId, known);
        }
    }

    void forget(String conversationId) {
        synchronized (recent) {
            recent.remove(conversationId);
        }
    }
}
