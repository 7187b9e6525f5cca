package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;

class HeldConversationsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static List<ConversationEvent> events(int count) {
        return IntStream.range(0, count).<ConversationEvent>mapToObj(i -> new SlotSet(T, "slot" + i, "value")).toList();
    }

    /** What one more of those events adds to a conversation's estimate. */
    private static final long EVENT = HeldConversations.estimatedBytes(events(2)) - HeldConversations.estimatedBytes(events(1));
    /** What a conversation counts before its events. */
    private static final long CONVERSATION = HeldConversations.estimatedBytes(List.of());

    /** Room for exactly this many conversations of this many of those events. */
    private static HeldConversations roomFor(int conversations, int events) {
        return new HeldConversations(conversations * (CONVERSATION + events * EVENT));
    }

    @Test
    void neverHoldsMoreThanTheBudget() {
        HeldConversations held = roomFor(14, 7);
        long budget = 14 * (CONVERSATION + 7 * EVENT);
        for (int i = 0; i < 50; i++) {
            held.put("c" + i, events(7));
            assertThat(held.bytes()).isLessThanOrEqualTo(budget);
        }
        assertThat(IntStream.range(0, 50).filter(i -> held.get("c" + i) != null).count()).isBetween(1L, 14L);

        held.put("long", events(200));
        assertThat(held.get("long")).as("longer than the whole budget").isNull();
        assertThat(new HeldConversations(0)).satisfies(none -> {
            none.put("a", events(1));
            assertThat(none.get("a")).isNull();
        });
    }

    @Test
    void conversationsComingRoundInTurnMostlyStayWhenTheyHoldALittleMoreThanTheBudget() {
        // 1,000 conversations of 10 events against room for 9,000: least-recently-used would evict
        // each one just before its turn came round again, and never find one.
        HeldConversations held = roomFor(900, 10);
        int found = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1_000; i++) {
                String id = "c" + i;
                if (held.get(id) != null) {
                    if (round >= 10) {
                        found++;
                    }
                } else {
                    held.put(id, events(10));
                }
            }
        }
        assertThat(found).as("found in the last ten rounds, of 10,000 looks").isGreaterThan(7_000);
    }

    @Test
    void aConversationNotBegunCountsAndGrows() {
        HeldConversations held = roomFor(1, 2);
        held.put("new", List.of());
        assertThat(held.get("new")).isEmpty();
        held.extend("new", events(1), -1);
        assertThat(held.get("new")).hasSize(1);
        held.extend("new", events(2), -1);
        assertThat(held.get("new")).as("three events against room for two").isNull();
    }

    @Test
    void longMessagesCountByTheirLength() {
        // Room for ten conversations of ten short messages: ten messages of 5,000 characters do not fit.
        List<ConversationEvent> shortOnes = IntStream.range(0, 10).<ConversationEvent>mapToObj(i ->
                new UserUttered(T, "hello", "greet", 0.9, List.of())).toList();
        List<ConversationEvent> longOnes = IntStream.range(0, 10).<ConversationEvent>mapToObj(i ->
                new UserUttered(T, "x".repeat(5_000), "inform", 0.9, List.of())).toList();
        HeldConversations held = new HeldConversations(10L * HeldConversations.estimatedBytes(shortOnes));

        held.put("short", shortOnes);
        held.put("long", longOnes);

        assertThat(held.get("short")).hasSize(10);
        assertThat(held.get("long")).as("as many events, fifty thousand characters").isNull();
    }

    @Test
    void anAppendThatLeavesAnotherLengthThanExpectedForgetsTheConversation() {
        HeldConversations held = roomFor(10, 10);
        held.put("a", events(3));
        held.extend("a", events(2), 5);
        assertThat(held.get("a")).hasSize(5);

        // Someone else appended meanwhile: what is held no longer matches the store.
        held.extend("a", events(1), 9);
        assertThat(held.get("a")).isNull();

        held.extend("not held", events(1), 1);
        assertThat(held.get("not held")).isNull();
    }

    @Test
    void retentionForgetsConversationsBegunBeforeItsCutoffOnly() {
        HeldConversations held = roomFor(10, 10);
        Instant cutoff = T.plusSeconds(60);
        held.put("idle", events(2));
        held.put("begun before, still going", List.of(new SlotSet(T, "a", "1"), new SlotSet(cutoff.plusSeconds(5), "b", "2")));
        held.put("recent", List.of(new SlotSet(cutoff, "a", "1")));
        held.put("not begun", List.of());

        held.forgetBegunBefore(cutoff);

        assertThat(held.get("idle")).isNull();
        assertThat(held.get("begun before, still going")).as("retention may have deleted its start").isNull();
        assertThat(held.get("not begun")).isNull();
        assertThat(held.get("recent")).hasSize(1);
        assertThat(held.bytes()).isEqualTo(HeldConversations.estimatedBytes(held.get("recent")));
    }

    @Test
    void aRemovedConversationIsReadAgain() {
        HeldConversations held = roomFor(10, 10);
        held.put("a", events(1));
        held.put("b", events(1));
        held.remove("a");
        assertThat(held.get("a")).isNull();
        assertThat(held.get("b")).hasSize(1);
    }

    @Test
    void eventsReadSinceAreAddedToWhatIsHeldAndWeighedAlone() {
        HeldConversations held = roomFor(10, 20);
        List<ConversationEvent> all = events(7);
        List<ConversationEvent> before = held.put("c", all.subList(0, 4));

        assertThat(held.putAfter("c", before, all.subList(4, 7))).isEqualTo(all);
        assertThat(held.get("c")).isEqualTo(all);
        assertThat(held.bytes()).isEqualTo(CONVERSATION + 7 * EVENT);

        // What the caller read before is no longer what is held (another turn replaced it): the
        // events it names are held, weighed whole.
        List<ConversationEvent> other = events(2);
        assertThat(held.putAfter("c", other, all.subList(0, 1))).containsExactly(other.get(0), other.get(1), all.get(0));
        assertThat(held.bytes()).isEqualTo(CONVERSATION + 3 * EVENT);
        assertThat(held.putAfter("new", List.of(), all.subList(0, 2))).isEqualTo(all.subList(0, 2));
    }
}
