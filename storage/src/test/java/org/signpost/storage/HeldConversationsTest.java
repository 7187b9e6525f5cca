package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;

class HeldConversationsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static List<ConversationEvent> events(int count) {
        return IntStream.range(0, count).<ConversationEvent>mapToObj(i -> new SlotSet(T, "slot" + i, "value")).toList();
    }

    @Test
    void neverHoldsMoreEventsThanTheBudget() {
        HeldConversations held = new HeldConversations(100);
        for (int i = 0; i < 50; i++) {
            held.put("c" + i, events(7));
            assertThat(held.events()).isLessThanOrEqualTo(100);
        }
        assertThat(IntStream.range(0, 50).filter(i -> held.get("c" + i) != null).count()).isBetween(1L, 14L);

        held.put("long", events(101));
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
        HeldConversations held = new HeldConversations(9_000);
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
    void aConversationNotBegunCountsAsOneAndGrows() {
        HeldConversations held = new HeldConversations(2);
        held.put("new", List.of());
        assertThat(held.get("new")).isEmpty();
        held.extend("new", events(1), -1);
        assertThat(held.get("new")).hasSize(1);
        held.extend("new", events(2), -1);
        assertThat(held.get("new")).as("three events against room for two").isNull();
    }

    @Test
    void anAppendThatLeavesAnotherLengthThanExpectedForgetsTheConversation() {
        HeldConversations held = new HeldConversations(100);
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
        HeldConversations held = new HeldConversations(100);
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
        assertThat(held.events()).isEqualTo(1);
    }

    @Test
    void aRemovedConversationIsReadAgain() {
        HeldConversations held = new HeldConversations(100);
        held.put("a", events(1));
        held.put("b", events(1));
        held.remove("a");
        assertThat(held.get("a")).isNull();
        assertThat(held.get("b")).hasSize(1);
    }
}
