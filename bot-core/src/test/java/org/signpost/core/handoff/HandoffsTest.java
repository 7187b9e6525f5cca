package org.signpost.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.escalation.Claim;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.escalation.Priority;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.message.Channel;
import org.signpost.core.transcript.TranscriptEntry;

class HandoffsTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryTrackerStore trackers = new InMemoryTrackerStore();
    private final InMemoryEscalationQueue queue = new InMemoryEscalationQueue();
    private final List<TranscriptEntry> heard = new ArrayList<>();
    private final Handoffs handoffs = new Handoffs(trackers, new InMemoryConversationLock(), queue,
            (conversation, entries) -> heard.addAll(entries), Clock.fixed(T, ZoneOffset.UTC));

    private static <V> V await(Future<V> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private void waitingConversation(String conversation, String... escalations) throws Exception {
        await(trackers.append(conversation, List.of(new SessionStarted(T, Channel.WEB))));
        for (String id : escalations) {
            await(trackers.append(conversation, List.of(new EscalationRequested(T, id, "asked for a person", "routine"))));
            await(queue.add(new Escalation(id, conversation, Channel.WEB, "asked for a person", Priority.ROUTINE, T, Map.of())));
        }
    }

    private ConversationState state(String conversation) throws Exception {
        return ConversationState.fold(conversation, await(trackers.load(conversation)));
    }

    @Test
    void aWonClaimJoinsTheConversationAndTakesItsOtherRequestsToo() throws Exception {
        waitingConversation("c", "e-1", "e-2");
        assertThat(await(handoffs.claim("e-1", "sam")).outcome()).isEqualTo(Claim.Outcome.WON);
        assertThat(state("c").navigator()).contains("sam");
        assertThat(await(queue.waiting())).isEmpty();
        assertThat(await(queue.heldBy("sam"))).extracting(Escalation::id).containsExactlyInAnyOrder("e-1", "e-2");
        assertThat(heard).extracting(TranscriptEntry::detail).containsExactly("joined");
        assertThat(heard.get(0).seq()).isEqualTo(3);

        Claim lost = await(handoffs.claim("e-1", "alex"));
        assertThat(lost.outcome()).isEqualTo(Claim.Outcome.TAKEN);
        assertThat(lost.holder()).isEqualTo("sam");
    }

    @Test
    void onlyTheHolderWritesOrLeavesAndLeavingFinishesTheirEscalations() throws Exception {
        waitingConversation("c", "e-1");
        await(handoffs.claim("e-1", "sam"));
        assertThat(await(handoffs.say("c", "sam", "Hello"))).isEqualTo(3);
        assertThatThrownBy(() -> await(handoffs.say("c", "alex", "Hi"))).isInstanceOf(HandoffException.class)
                .hasMessageContaining("held by sam");
        await(handoffs.note("c", "alex", "seen"));
        assertThatThrownBy(() -> await(handoffs.release("c", "alex", Outcome.RESOLVED))).isInstanceOf(HandoffException.class);

        await(handoffs.release("c", "sam", Outcome.REFERRED));
        assertThat(state("c").navigator()).isEmpty();
        assertThat(state("c").escalationId()).isEmpty();
        assertThat(await(queue.heldBy("sam"))).isEmpty();
        assertThat(heard).extracting(TranscriptEntry::text).endsWith("referred");
        assertThatThrownBy(() -> await(handoffs.say("c", "sam", "still there?")))
                .isInstanceOf(HandoffException.class).hasMessageContaining("claim its escalation first");
    }

    @Test
    void aConversationThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> await(handoffs.note("nobody", "sam", "x")))
                .isInstanceOfSatisfying(HandoffException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(HandoffException.Reason.NOT_FOUND));
    }

    @Test
    void outcomesAreReadByTheirIds() {
        assertThat(Outcome.fromId("no_contact")).isEqualTo(Outcome.NO_CONTACT);
        assertThatThrownBy(() -> Outcome.fromId("gone")).hasMessageContaining("handed_back");
    }
}
