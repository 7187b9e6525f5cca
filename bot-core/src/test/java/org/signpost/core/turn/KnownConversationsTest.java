package org.signpost.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.transcript.Transcript;
import org.signpost.core.turn.KnownConversations.Known;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.ParseResult;

class KnownConversationsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private static final IntentScore GREET = new IntentScore("greet", 0.9);
    private static final List<ConversationEvent> HISTORY = List.of(
            new SessionStarted(T, Channel.WEB),
            UserUttered.heard(T, new ParseResult("hello", GREET, List.of(), List.of(GREET))).withMessageId("m-1"),
            new BotUttered(T, "utter_greet", "Hi! What do you need?", List.of(new Button("Falls", "/falls"))),
            new SlotSet(T.plusSeconds(1), "locality", "Lye"));

    @Test
    void knowsWhatFoldingAndReadingTheWholeHistoryWouldGive() {
        Known known = Known.of("c", HISTORY);

        assertThat(known.events()).isEqualTo(4);
        assertThat(known.lastType()).isEqualTo(SlotSet.class);
        assertThat(known.lastAt()).isEqualTo(HISTORY.get(3).at());
        assertThat(known.state().slots()).isEqualTo(ConversationState.fold("c", HISTORY).slots());
        assertThat(known.transcript()).isEqualTo(Transcript.Position.START.after(HISTORY));
        assertThat(known.transcript().seen()).isEqualTo(2);
        assertThat(known.transcript().offered()).containsEntry("/falls", "Falls");
        assertThat(Known.of("c", HISTORY.subList(0, 2)).after(HISTORY.subList(2, 4))).usingRecursiveComparison()
                .isEqualTo(known);
        assertThat(known.mayHaveAnswered("m-1")).isTrue();
        assertThat(known.mayHaveAnswered("m-2")).isFalse();
    }

    @Test
    void aReadGoesOnFromWhatIsKnownOnlyFromItsLastEventInItsPlace() {
        Known known = Known.of("c", HISTORY);
        assertThat(known.readFrom()).isEqualTo(3);
        SlotSet next = new SlotSet(T.plusSeconds(2), "service", "falls");

        assertThat(known.continuedBy(new EventsFrom(3, 5, List.of(HISTORY.get(3), next)))).isTrue();
        assertThat(Known.newIn(new EventsFrom(3, 5, List.of(HISTORY.get(3), next)))).containsExactly(next);
        assertThat(known.continuedBy(new EventsFrom(3, 4, List.of(HISTORY.get(3))))).as("nothing new").isTrue();
        assertThat(known.continuedBy(new EventsFrom(3, 2, List.of()))).as("shorter: deleted").isFalse();
        assertThat(known.continuedBy(new EventsFrom(3, 5, List.of(new SlotSet(T.plusSeconds(9), "locality", "Lye"), next))))
                .as("begun again: another time there").isFalse();
        assertThat(known.continuedBy(new EventsFrom(3, 5, List.of(new BotUttered(T.plusSeconds(1), "utter_greet", "Hi", List.of()), next))))
                .as("another kind of event there").isFalse();
        assertThat(known.continuedBy(new EventsFrom(2, 5, HISTORY.subList(2, 4)))).as("read from elsewhere").isFalse();
        assertThat(Known.of("c", List.of()).continuedBy(new EventsFrom(0, 0, List.of()))).isTrue();
        assertThat(Known.of("c", List.of()).continuedBy(new EventsFrom(0, 1, List.of(next)))).isFalse();
    }

    @Test
    void keepsTheMostRecentlyUsedConversationsUpToItsCapacity() {
        KnownConversations conversations = new KnownConversations(2);
        Known known = Known.of("c", HISTORY);
        conversations.put("a", known);
        conversations.put("b", known);
        conversations.get("a");
        conversations.put("c", known);

        assertThat(conversations.get("a")).isSameAs(known);
        assertThat(conversations.get("b")).as("least recently used").isNull();
        conversations.forget("a");
        assertThat(conversations.get("a")).isNull();
    }
}
