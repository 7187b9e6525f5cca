package org.signpost.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Channel;

class ConversationStateTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static ConversationState fold(ConversationEvent... events) {
        return ConversationState.fold("c1", List.of(events));
    }

    @Test
    void anEmptyLogIsANewConversation() {
        ConversationState state = fold();

        assertThat(state.sessionEvents()).isZero();
        assertThat(state.activeFlow()).isEmpty();
        assertThat(state.slots()).isEmpty();
        assertThat(state.lastEventAt()).isEmpty();
    }

    @Test
    void slotsAreSetAndResetInOrder() {
        ConversationState state = fold(new SessionStarted(T, Channel.REST),
                new SlotSet(T, "locality", "Halesowen"),
                new SlotSet(T, "locality", "Stourbridge"),
                new SlotSet(T, "service_category", "falls"),
                new SlotReset(T, "service_category"));

        assertThat(state.slots()).containsExactlyEntriesOf(Map.of("locality", "Stourbridge"));
    }

    @Test
    void flowsStackAndAdvance() {
        ConversationState state = fold(new SessionStarted(T, Channel.REST),
                new FlowStarted(T, "find_service"),
                new FlowStepCompleted(T, "find_service", 0),
                new FlowStarted(T, "help"));

        assertThat(state.flows()).containsExactly(new FlowFrame("find_service", 1), new FlowFrame("help", 0));
        assertThat(state.activeFlow()).contains(new FlowFrame("help", 0));

        ConversationState resumed = state.apply(new FlowEnded(T, "help", FlowEnded.Outcome.COMPLETED));
        assertThat(resumed.activeFlow()).contains(new FlowFrame("find_service", 1));
    }

    @Test
    void endingAFlowBelowTheTopRemovesOnlyThatFrame() {
        ConversationState state = fold(new SessionStarted(T, Channel.REST),
                new FlowStarted(T, "find_service"),
                new FlowStarted(T, "cancel"),
                new FlowEnded(T, "find_service", FlowEnded.Outcome.CANCELLED));

        assertThat(state.flows()).containsExactly(new FlowFrame("cancel", 0));
    }

    @Test
    void aRequestedSlotIsClearedWhenFilled() {
        ConversationState asked = fold(new SessionStarted(T, Channel.REST), new FlowStarted(T, "find_service"),
                new SlotRequested(T, "locality", 2));

        assertThat(asked.requestedSlot()).contains(new SlotRequest("locality", 2));
        assertThat(asked.apply(new SlotSet(T, "locality", "Halesowen")).requestedSlot()).isEmpty();
        assertThat(asked.apply(new SlotSet(T, "other", "x")).requestedSlot()).isPresent();
    }

    @Test
    void countsConsecutiveMisunderstandings() {
        ConversationState state = fold(new SessionStarted(T, Channel.REST),
                new UserUttered(T, "??", "nlu_fallback", 0.3, List.of()),
                new BotUttered(T, "utter_clarify", "Sorry?", List.of()),
                new UserUttered(T, "???", "nlu_fallback", 0.3, List.of()));

        assertThat(state.consecutiveFallbacks()).isEqualTo(2);
        assertThat(state.apply(new UserUttered(T, "hi", "greet", 0.9, List.of())).consecutiveFallbacks()).isZero();
    }

    @Test
    void aNewSessionForgetsSlotsFlowsAndEscalations() {
        Instant later = T.plusSeconds(7200);
        ConversationState state = fold(new SessionStarted(T, Channel.REST),
                new SlotSet(T, "locality", "Halesowen"),
                new FlowStarted(T, "find_service"),
                new EscalationRequested(T, "e1", "asked for a person", "routine"),
                new SessionStarted(later, Channel.REST));

        assertThat(state.slots()).isEmpty();
        assertThat(state.flows()).isEmpty();
        assertThat(state.escalationId()).isEmpty();
        assertThat(state.sessionEvents()).isEqualTo(1);
        assertThat(state.lastEventAt()).contains(later);
    }

    @Test
    void foldingIsRepeatable() {
        List<ConversationEvent> events = List.of(new SessionStarted(T, Channel.REST), new FlowStarted(T, "greet"),
                new SlotSet(T, "locality", "Halesowen"), new FlowStepCompleted(T, "greet", 0));

        ConversationState once = ConversationState.fold("c1", events);
        ConversationState twice = ConversationState.fold("c1", events);

        assertThat(twice.flows()).isEqualTo(once.flows());
        assertThat(twice.slots()).isEqualTo(once.slots());
        assertThat(twice.sessionEvents()).isEqualTo(once.sessionEvents()).isEqualTo(4);
    }
}
