package org.signpost.core.handoff;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.escalation.Claim;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.handoff.HandoffException.Reason;
import org.signpost.core.transcript.Transcript;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.transcript.TranscriptListener;

/**
 * What care navigators do to a conversation: claim its escalation and join, write to the person,
 * note, and leave (handing back to the bot or closing with an outcome). Each action is an event
 * appended under the conversation's lock, like a turn, so the transcript orders navigator and
 * person exactly as they happened, and every listener hears about it.
 */
public final class Handoffs {

    private final TrackerStore trackers;
    private final ConversationLock lock;
    private final EscalationQueue queue;
    private final TranscriptListener listener;
    private final Clock clock;

    public Handoffs(TrackerStore trackers, ConversationLock lock, EscalationQueue queue, TranscriptListener listener,
            Clock clock) {
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Claims the escalation for {@code navigator} and, when the claim wins, joins its conversation.
     * Other escalations of the same conversation still waiting go to the same navigator: the
     * person has one navigator, not one per request.
     */
    public Future<Claim> claim(String escalationId, String navigator) {
        return queue.claim(escalationId, navigator).compose(claim -> {
            if (claim.outcome() != Claim.Outcome.WON) {
                return Future.succeededFuture(claim);
            }
            Escalation escalation = claim.escalation().orElseThrow();
            String conversationId = escalation.conversationId();
            return queue.waiting()
                    .compose(waiting -> Future.all(waiting.stream()
                            .filter(other -> other.conversationId().equals(conversationId))
                            .map(other -> queue.claim(other.id(), navigator)).toList()))
                    .compose(others -> change(conversationId, state ->
                            new NavigatorJoined(clock.instant(), escalation.id(), navigator)))
                    .map(joined -> claim);
        });
    }

    /** The navigator holding the conversation writes to the person; completes with the line's number. */
    public Future<Integer> say(String conversationId, String navigator, String text) {
        return change(conversationId, state -> {
            requireHolder(state, navigator);
            return new NavigatorUttered(clock.instant(), navigator, text);
        }).map(TranscriptEntry::seq);
    }

    /** Any navigator may note something on a conversation; the person never sees notes. */
    public Future<Void> note(String conversationId, String navigator, String text) {
        return change(conversationId, state -> new NoteAdded(clock.instant(), navigator, text)).mapEmpty();
    }

    /** The navigator holding the conversation leaves it with {@code outcome}; the bot answers again. */
    public Future<Void> release(String conversationId, String navigator, Outcome outcome) {
        return change(conversationId, state -> {
            requireHolder(state, navigator);
            return new NavigatorLeft(clock.instant(), navigator, outcome.id());
        }).compose(left -> queue.heldBy(navigator)).compose(held -> Future.all(held.stream()
                .filter(escalation -> escalation.conversationId().equals(conversationId))
                .map(escalation -> queue.finish(escalation.id())).toList())).mapEmpty();
    }

    private static void requireHolder(ConversationState state, String navigator) {
        if (!state.navigator().map(navigator::equals).orElse(false)) {
            throw new HandoffException(Reason.NOT_HOLDER, state.navigator()
                    .map(holder -> "the conversation is held by " + holder)
                    .orElse("no navigator has joined the conversation; claim its escalation first"));
        }
    }

    /** What an action decides from the conversation's state; throws {@link HandoffException} to refuse. */
    private interface Change {
        ConversationEvent decide(ConversationState state);
    }

    /** Appends the event {@code change} decides under the lock, then tells the listener; completes with its line. */
    private Future<TranscriptEntry> change(String conversationId, Change change) {
        return lock.withLock(conversationId, () -> trackers.load(conversationId).compose(history -> {
            if (history.isEmpty()) {
                throw new HandoffException(Reason.NOT_FOUND, "no conversation has that id");
            }
            List<ConversationEvent> events = List.of(change.decide(ConversationState.fold(conversationId, history)));
            return trackers.append(conversationId, events).map(stored -> {
                List<TranscriptEntry> entries = Transcript.appended(history, events);
                listener.appended(conversationId, entries);
                return entries.get(0);
            });
        }));
    }
}
