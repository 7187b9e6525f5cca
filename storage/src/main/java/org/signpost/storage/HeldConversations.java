package org.signpost.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.List;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;

/**
 * Conversations' events held in memory by one instance, within a budget of bytes in all: each
 * conversation counts what its events are estimated to take ({@link #estimatedBytes}), so neither
 * a few very long conversations nor many long messages can exhaust the heap. (A budget of events
 * could: a person's message may be 5,000 characters.) Thread-safe.
 *
 * <p>Which conversations give way is Caffeine's Window TinyLFU, not plain least-recently-used:
 * when the conversations in use hold a little more than the budget and come round in turn (the
 * load benchmark's 10,000, or a busy afternoon), least-recently-used evicts each one just before
 * its next message, so every turn reads and decodes its whole conversation again. TinyLFU keeps
 * most of them instead and lets the rest miss.
 */
public final class HeldConversations {

    private final Cache<String, Held> held;

    /**
     * A conversation's events and what they count against the budget, kept together so that
     * weighing is not a walk through them.
     */
    private record Held(EventLog events, int bytes) {

        static Held of(List<ConversationEvent> events) {
            return new Held(EventLog.of(events), estimatedBytes(events));
        }
    }

    /** The cache entry, the conversation's id and its list, before any event. */
    private static final int CONVERSATION_BYTES = 96;
    /** An event object with its place in the list (24 to 48 bytes, and 4). */
    private static final int EVENT_BYTES = 40;
    /** A string's object and its array's header, before its characters (one byte each, as most are). */
    private static final int STRING_BYTES = 40;
    /** A button or an entity: the object and its place in a list (its names are shared). */
    private static final int PAIR_BYTES = 28;

    /** @param budgetBytes the estimated bytes of all conversations held, at most (0 holds nothing) */
    public HeldConversations(long budgetBytes) {
        this.held = Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((String id, Held conversation) -> conversation.bytes())
                // Evictions run on the caller's thread, so the budget holds as soon as a put returns.
                .executor(Runnable::run)
                .build();
    }

    /**
     * What a conversation counts against the budget: a rough count of the heap it takes. What it
     * shares with other conversations counts nothing: names and the bot's replies are interned
     * and a turn's events share their time ({@code EventCodec.decodeAll}); what people wrote,
     * slot values and notes count by their length.
     */
    static int estimatedBytes(List<ConversationEvent> conversation) {
        return (int) Math.min(Integer.MAX_VALUE, CONVERSATION_BYTES + eventBytes(conversation));
    }

    private static long eventBytes(List<ConversationEvent> events) {
        long bytes = 0;
        for (ConversationEvent event : events) {
            bytes += EVENT_BYTES + ownBytes(event);
        }
        return bytes;
    }

    private static long ownBytes(ConversationEvent event) {
        if (event instanceof UserUttered said) {
            long bytes = text(said.text()) + text(said.shown()) + text(said.messageId());
            for (var entity : said.entities()) {
                bytes += PAIR_BYTES + text(entity.value());
            }
            return bytes;
        } else if (event instanceof BotUttered bot) {
            return (long) PAIR_BYTES * bot.buttons().size();
        } else if (event instanceof SlotSet set) {
            return text(set.value());
        } else if (event instanceof NavigatorUttered said) {
            return text(said.text()) + text(said.navigator());
        } else if (event instanceof NoteAdded note) {
            return text(note.text()) + text(note.navigator());
        } else if (event instanceof SafetyFlagged flagged) {
            return text(flagged.phrase());
        } else if (event instanceof EscalationRequested escalation) {
            return text(escalation.escalationId()) + text(escalation.reason());
        }
        return 0;
    }

    private static long text(String text) {
        return text == null || text.isEmpty() ? 0 : STRING_BYTES + text.length();
    }

    /** The conversation's events, or null when it is not held. */
    public List<ConversationEvent> get(String conversationId) {
        Held conversation = held.getIfPresent(conversationId);
        return conversation == null ? null : conversation.events();
    }

    /**
     * Holds the conversation's events (none, for a conversation not begun: that is worth knowing
     * too); returns them as held, an immutable copy, whether or not the budget then keeps them.
     */
    public List<ConversationEvent> put(String conversationId, List<ConversationEvent> conversation) {
        Held kept = Held.of(conversation);
        held.put(conversationId, kept);
        return kept.events();
    }

    /**
     * Holds {@code before} (what {@link #get} answered, or none) followed by {@code more} (read
     * since from the store), and returns them as held. While {@code before} is still what is
     * held, the events are added in place and only {@code more} is weighed: with instances taking
     * turns of a conversation, most turns read something another instance appended, and copying
     * and weighing the whole conversation on each was work that grew with it.
     */
    public List<ConversationEvent> putAfter(String conversationId, List<ConversationEvent> before,
            List<ConversationEvent> more) {
        return held.asMap().compute(conversationId, (id, conversation) -> conversation != null && conversation.events() == before
                ? new Held(conversation.events().plus(more), (int) Math.min(Integer.MAX_VALUE, conversation.bytes() + eventBytes(more)))
                : Held.of(EventLog.of(before).plus(more))).events();
    }

    /**
     * Adds {@code appended} to a held conversation, if it is held. With {@code lengthAfter} at 0
     * or more, only if that is the length it then has (what the store says it has); otherwise it
     * is forgotten, to be read again.
     */
    public void extend(String conversationId, List<ConversationEvent> appended, long lengthAfter) {
        held.asMap().computeIfPresent(conversationId, (id, conversation) -> {
            if (lengthAfter >= 0 && lengthAfter != conversation.events().size() + appended.size()) {
                return null;
            }
            return new Held(conversation.events().plus(appended),
                    (int) Math.min(Integer.MAX_VALUE, conversation.bytes() + eventBytes(appended)));
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
        held.asMap().values().removeIf(conversation -> conversation.events().isEmpty()
                || conversation.events().get(0).at().isBefore(cutoff));
    }

    /** The estimated bytes held in all (for tests: never more than the budget once a put has returned). */
    long bytes() {
        held.cleanUp();
        return held.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
