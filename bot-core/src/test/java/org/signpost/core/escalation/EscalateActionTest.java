package org.signpost.core.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotSet;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;
import org.signpost.core.message.Channel;

class EscalateActionTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private final InMemoryEscalationQueue queue = new InMemoryEscalationQueue();
    private final EscalateAction action = new EscalateAction(queue, () -> "e-1");

    private static ConversationState state() {
        return ConversationState.fold("c1", List.of(new SessionStarted(T, Channel.WEB), new SlotSet(T, "locality", "Halesowen")));
    }

    @Test
    void queuesTheConversationWithWhatItCollected() {
        ActionResult result = action.run(new ActionContext(state(), Channel.WEB, T,
                Map.of("priority", "safety", "reason", "possible emergency"))).result();

        Escalation queued = queue.waiting().result().get(0);
        assertThat(queued).isEqualTo(new Escalation("e-1", "c1", Channel.WEB, "possible emergency", Priority.SAFETY, T,
                Map.of("locality", "Halesowen")));
        assertThat(result.events()).containsExactly(new EscalationRequested(T, "e-1", "possible emergency", "safety"));
    }

    @Test
    void doesNotQueueTheSameSessionTwice() {
        ConversationState escalated = state().apply(new EscalationRequested(T, "e-0", "asked for a person", "routine"));

        ActionResult result = action.run(new ActionContext(escalated, Channel.WEB, T, Map.of())).result();

        assertThat(result.events()).isEmpty();
        assertThat(queue.waiting().result()).isEmpty();
    }

    @Test
    void aSafetyEventAfterARoutineRequestIsQueuedAtOnce() {
        ConversationState routine = state().apply(new EscalationRequested(T, "e-0", "asked for a person", "routine"));

        ActionResult result = action.run(new ActionContext(routine, Channel.WEB, T, Map.of("priority", "safety"))).result();

        assertThat(result.events()).hasSize(1);
        assertThat(queue.waiting().result()).extracting(Escalation::priority).containsExactly(Priority.SAFETY);
    }

    @Test
    void aSafetyEventWhileANavigatorIsWithThePersonIsNotQueuedForSomeoneElse() {
        ConversationState joined = state().apply(new EscalationRequested(T, "e-0", "asked for a person", "routine"))
                .apply(new NavigatorJoined(T, "e-0", "sam"));

        ActionResult result = action.run(new ActionContext(joined, Channel.WEB, T, Map.of("priority", "safety"))).result();

        assertThat(result.events()).isEmpty();
        assertThat(queue.waiting().result()).isEmpty();
    }

    @Test
    void ordersTheQueueBySafetyFirstThenWaitingTime() {
        queue.add(new Escalation("late-routine", "a", Channel.WEB, "r", Priority.ROUTINE, T.plusSeconds(60), Map.of()));
        queue.add(new Escalation("early-routine", "b", Channel.WEB, "r", Priority.ROUTINE, T, Map.of()));
        queue.add(new Escalation("late-safety", "c", Channel.WEB, "r", Priority.SAFETY, T.plusSeconds(120), Map.of()));

        assertThat(queue.waiting().result()).extracting(Escalation::id)
                .containsExactly("late-safety", "early-routine", "late-routine");
    }

    @Test
    void rejectsAnUnknownPriorityAtStartUp() {
        assertThatThrownBy(() -> action.checkArguments(Map.of("priority", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown priority 'soon'");
    }
}
