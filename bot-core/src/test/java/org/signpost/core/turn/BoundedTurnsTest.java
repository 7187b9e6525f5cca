package org.signpost.core.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.event.UserUttered;
import org.signpost.core.flow.DialogueLoader;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.flow.RecordingAction;
import org.signpost.core.flow.TestDialogue;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.signpost.core.safety.SafetyRules;
import org.signpost.core.safety.SafetyScreen;
import org.signpost.nlu.IntentShortcut;
import org.signpost.nlu.ParseResult;

class BoundedTurnsTest {

    private final InMemoryTrackerStore trackers = new InMemoryTrackerStore();
    /** Understanding "slow" waits for this; anything else is understood at once. */
    private final Promise<ParseResult> slow = Promise.promise();
    private final TurnProcessor processor = new TurnProcessor(
            text -> text.equals("slow") ? slow.future() : Future.succeededFuture(IntentShortcut.parse(text).orElseThrow()),
            new SafetyScreen(new SafetyRules(Map.of(), List.of(), 2, List.of())),
            new FlowEngine(new DialogueLoader(TestDialogue.INTENTS, TestDialogue.ENTITIES, List.of(new RecordingAction()))
                    .load(TestDialogue.files())),
            trackers, new InMemoryConversationLock(), Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

    private static UserMessage message(String conversation, String text) {
        return UserMessage.of(conversation, Channel.REST, text);
    }

    private static List<BotMessage> await(Future<List<BotMessage>> turn) throws Exception {
        return turn.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void pastTheLimitAMessageIsRefusedAtOnceAndNothingOfItIsKept() {
        BoundedTurns turns = new BoundedTurns(processor, 2);
        Future<List<BotMessage>> first = turns.handle(message("a", "slow"));
        Future<List<BotMessage>> second = turns.handle(message("b", "slow"));
        assertThat(turns.underWay()).isEqualTo(2);

        Future<List<BotMessage>> third = turns.handle(message("c", "/greet"));

        assertThat(third.failed()).isTrue();
        assertThat(third.cause()).isInstanceOf(BusyException.class).hasMessageContaining("send the message again");
        assertThat(turns.refused()).isEqualTo(1);
        assertThat(trackers.load("c").result()).isEmpty();
        assertThat(first.isComplete()).isFalse();
        assertThat(second.isComplete()).isFalse();
    }

    @Test
    void aFinishedTurnMakesRoomForTheNext() throws Exception {
        BoundedTurns turns = new BoundedTurns(processor, 1);
        Future<List<BotMessage>> held = turns.handle(message("a", "slow"));
        assertThat(turns.handle(message("b", "/greet")).failed()).isTrue();

        slow.complete(IntentShortcut.parse("/greet").orElseThrow());

        assertThat(await(held)).extracting(BotMessage::text).containsExactly("Hi there!");
        assertThat(turns.underWay()).isZero();
        assertThat(await(turns.handle(message("b", "/greet")))).extracting(BotMessage::text).containsExactly("Hi there!");
        assertThat(trackers.load("b").result()).filteredOn(UserUttered.class::isInstance).hasSize(1);
    }

    @Test
    void aTurnThatFailsAlsoMakesRoom() throws Exception {
        BoundedTurns turns = new BoundedTurns(processor, 1);
        Future<List<BotMessage>> held = turns.handle(message("a", "slow"));

        slow.fail(new IllegalStateException("the parser broke"));

        // The processor turns its own failures into an apology; either way the turn is over.
        await(held);
        assertThat(turns.underWay()).isZero();
        assertThat(await(turns.handle(message("b", "/greet")))).isNotEmpty();
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new BoundedTurns(processor, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
