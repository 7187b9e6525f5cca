package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.conversation.RecordingTrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;

class CachedTrackerStoreTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static List<ConversationEvent> at(Instant when) {
        return List.of(new SlotSet(when, "locality", "Sedgley"));
    }

    @Test
    void aReadFromTheLastEventOfAConversationReadOrAppendedHereNeedsNoStoreCall() {
        RecordingTrackerStore durable = new RecordingTrackerStore();
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        assertThat(cached.load("c").result()).isEmpty();
        cached.append("c", at(T));
        cached.append("c", at(T.plusSeconds(1)));

        EventsFrom part = cached.loadFrom("c", 1).result();

        assertThat(part.length()).isEqualTo(2);
        assertThat(part.events()).containsExactlyElementsOf(at(T.plusSeconds(1)));
        assertThat(cached.loadFrom("c", 2).result().events()).isEmpty();
        assertThat(durable.reads()).as("only the first read").hasSize(1);

        assertThat(cached.loadFrom("c", 0).result().events()).as("further back: the store").hasSize(2);
        assertThat(cached.loadFrom("unknown", 0).result().length()).isZero();
        assertThat(durable.reads()).hasSize(3);
    }

    @Test
    void anAppendToAConversationNotReadHereIsNotGuessedAt() {
        RecordingTrackerStore durable = new RecordingTrackerStore();
        durable.append("c", at(T));
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        cached.append("c", at(T.plusSeconds(1)));

        EventsFrom part = cached.loadFrom("c", 1).result();

        assertThat(part.length()).isEqualTo(2);
        assertThat(part.events()).containsExactlyElementsOf(at(T.plusSeconds(1)));
        assertThat(durable.reads()).hasSize(1);
        cached.loadFrom("c", 1);
        assertThat(durable.reads()).as("remembered from that read").hasSize(1);
    }

    @Test
    void retentionForgetsTheConversationsBegunBeforeItsCutoffAndKeepsTheRest() {
        RecordingTrackerStore durable = new RecordingTrackerStore();
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        Instant cutoff = T.plus(Duration.ofDays(30));
        for (String id : List.of("old", "old but busy", "recent")) {
            cached.load(id);
        }
        cached.append("old", at(T));
        cached.append("old but busy", at(T));
        cached.append("recent", at(cutoff.plusSeconds(1)));
        assertThat(durable.reads()).hasSize(3);

        assertThat(cached.deleteIdleSince(cutoff).result()).isEqualTo(2);
        // A turn that came in while retention ran: its conversation began before the cutoff.
        cached.append("old but busy", at(cutoff.plusSeconds(2)));

        assertThat(cached.loadFrom("old", 0).result().length()).as("deleted, and not answered from memory").isZero();
        assertThat(cached.loadFrom("old but busy", 0).result().length()).as("read again").isEqualTo(1);
        assertThat(durable.reads()).hasSize(5);
        assertThat(cached.loadFrom("recent", 0).result().length()).isEqualTo(1);
        assertThat(durable.reads()).as("kept").hasSize(5);
    }
}
