package org.signpost.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotSet;
import org.signpost.core.message.Channel;

class FoldedStatesTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private final FoldedStates states = new FoldedStates(2);

    private static List<ConversationEvent> firstTurn() {
        return new ArrayList<>(List.of(new SessionStarted(T, Channel.REST), new FlowStarted(T, "find_service"),
                new SlotSet(T, "service_category", "falls"), new SlotRequested(T, "locality", 1)));
    }

    /** A history that records the first place read: what a fold did not need, it did not read. */
    private static final class Watched extends AbstractList<ConversationEvent> {
        private final List<ConversationEvent> events;
        private int firstRead = Integer.MAX_VALUE;

        Watched(List<ConversationEvent> events) {
            this.events = events;
        }

        @Override
        public ConversationEvent get(int index) {
            firstRead = Math.min(firstRead, index);
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }

    private static void assertSame(ConversationState actual, List<ConversationEvent> history) {
        ConversationState expected = ConversationState.fold("c", history);
        assertThat(actual.slots()).isEqualTo(expected.slots());
        assertThat(actual.flows()).isEqualTo(expected.flows());
        assertThat(actual.requestedSlot()).isEqualTo(expected.requestedSlot());
        assertThat(actual.sessionEvents()).isEqualTo(expected.sessionEvents());
        assertThat(actual.lastEventAt()).isEqualTo(expected.lastEventAt());
    }

    @Test
    void aLaterTurnFoldsOnlyTheEventsAddedSince() {
        List<ConversationEvent> history = firstTurn();
        states.fold("c", history);
        history.add(new SlotSet(T.plusSeconds(5), "locality", "North Dudley"));
        history.add(new SlotSet(T.plusSeconds(5), "age_needed", "no"));
        Watched watched = new Watched(history);

        ConversationState state = states.fold("c", watched);

        assertSame(state, history);
        // The last event folded before (at 3) is checked; nothing before it is read again.
        assertThat(watched.firstRead).isEqualTo(3);
    }

    @Test
    void aHistoryReadAfreshIsFoldedFromTheStart() {
        states.fold("c", firstTurn());
        // Equal events, but other objects: as after the conversation was read again from the store.
        List<ConversationEvent> reread = firstTurn();
        reread.add(new SlotSet(T.plusSeconds(5), "locality", "Sedgley"));
        Watched watched = new Watched(reread);

        assertSame(states.fold("c", watched), reread);
        assertThat(watched.firstRead).isZero();
    }

    @Test
    void aShorterHistoryIsFoldedFromTheStart() {
        List<ConversationEvent> history = firstTurn();
        states.fold("c", history);
        List<ConversationEvent> cut = new ArrayList<>(history.subList(0, 2));

        assertSame(states.fold("c", cut), cut);
        assertThat(states.fold("c", List.of()).slots()).isEmpty();
    }

    @Test
    void theLeastRecentlyFoldedIsForgottenFirst() {
        List<ConversationEvent> first = firstTurn();
        List<ConversationEvent> second = firstTurn();
        states.fold("first", first);
        states.fold("second", second);
        states.fold("first", first);
        // Two at most: the third forgets "second", folded less recently than "first".
        states.fold("third", firstTurn());

        Watched firstAgain = new Watched(first);
        states.fold("first", firstAgain);
        assertThat(firstAgain.firstRead).isEqualTo(3);
        Watched secondAgain = new Watched(second);
        states.fold("second", secondAgain);
        assertThat(secondAgain.firstRead).isZero();
    }
}
