package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;

class HeldConversationsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static List<ConversationEvent> events(int count) {
        return java.util.stream.IntStream.range(0, count)
                .<ConversationEvent>mapToObj(i -> new SlotSet(T, "slot" + i, "value")).toList();
    }

    @Test
    void theLeastRecentlyUsedGiveWayOnceTheEventsPassTheBudget() {
        HeldConversations held = new HeldConversations(10);
        held.put("a", events(4));
        held.put("b", events(4));
        held.get("a");
        held.put("c", events(4));

        assertThat(held.get("b")).as("least recently used").isNull();
        assertThat(held.get("a")).hasSize(4);
        assertThat(held.get("c")).hasSize(4);

        held.put("long", events(11));
        assertThat(held.get("long")).as("longer than the whole budget").isNull();
        assertThat(held.get("a")).isNull();
        assertThat(held.get("c")).isNull();
    }

    @Test
    void aConversationNotBegunCountsAsOneAndGrows() {
        HeldConversations held = new HeldConversations(2);
        held.put("new", List.of());
        held.extend("new", events(1), -1);
        assertThat(held.get("new")).hasSize(1);
        held.put("other", List.of());
        held.put("third", List.of());
        assertThat(held.get("new")).isNull();
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
}
