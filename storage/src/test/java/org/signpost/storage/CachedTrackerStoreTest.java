package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;

class CachedTrackerStoreTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    /** The durable store, counting its loads. */
    private static final class Counting implements TrackerStore {
        final InMemoryTrackerStore store = new InMemoryTrackerStore();
        final AtomicInteger loads = new AtomicInteger();

        @Override
        public Future<List<ConversationEvent>> load(String conversationId) {
            loads.incrementAndGet();
            return store.load(conversationId);
        }

        @Override
        public Future<Void> append(String conversationId, List<ConversationEvent> events) {
            return store.append(conversationId, events);
        }

        @Override
        public Future<List<String>> conversationIds() {
            return store.conversationIds();
        }

        @Override
        public Future<Integer> deleteIdleSince(Instant cutoff) {
            return store.deleteIdleSince(cutoff);
        }
    }

    private static List<ConversationEvent> at(Instant when) {
        return List.of(new SlotSet(when, "locality", "Sedgley"));
    }

    @Test
    void aReadFromTheLastEventOfAConversationReadOrAppendedHereNeedsNoStoreCall() {
        Counting durable = new Counting();
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        assertThat(cached.load("c").result()).isEmpty();
        cached.append("c", at(T));
        cached.append("c", at(T.plusSeconds(1)));

        EventsFrom part = cached.loadFrom("c", 1).result();

        assertThat(part.length()).isEqualTo(2);
        assertThat(part.events()).containsExactlyElementsOf(at(T.plusSeconds(1)));
        assertThat(cached.loadFrom("c", 2).result().events()).isEmpty();
        assertThat(durable.loads).as("only the first read").hasValue(1);

        assertThat(cached.loadFrom("c", 0).result().events()).as("further back: the store").hasSize(2);
        assertThat(cached.loadFrom("unknown", 0).result().length()).isZero();
        assertThat(durable.loads).hasValue(3);
    }

    @Test
    void anAppendToAConversationNotReadHereIsNotGuessedAt() {
        Counting durable = new Counting();
        durable.store.append("c", at(T));
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        cached.append("c", at(T.plusSeconds(1)));

        EventsFrom part = cached.loadFrom("c", 1).result();

        assertThat(part.length()).isEqualTo(2);
        assertThat(part.events()).containsExactlyElementsOf(at(T.plusSeconds(1)));
        assertThat(durable.loads).hasValue(1);
        cached.loadFrom("c", 1);
        assertThat(durable.loads).as("remembered from that read").hasValue(1);
    }

    @Test
    void retentionForgetsTheConversationsBegunBeforeItsCutoffAndKeepsTheRest() {
        Counting durable = new Counting();
        CachedTrackerStore cached = new CachedTrackerStore(durable, 1_000);
        Instant cutoff = T.plus(Duration.ofDays(30));
        for (String id : List.of("old", "old but busy", "recent")) {
            cached.load(id);
        }
        cached.append("old", at(T));
        cached.append("old but busy", at(T));
        cached.append("recent", at(cutoff.plusSeconds(1)));
        assertThat(durable.loads).hasValue(3);

        assertThat(cached.deleteIdleSince(cutoff).result()).isEqualTo(2);
        // A turn that came in while retention ran: its conversation began before the cutoff.
        cached.append("old but busy", at(cutoff.plusSeconds(2)));

        assertThat(cached.loadFrom("old", 0).result().length()).as("deleted, and not answered from memory").isZero();
        assertThat(cached.loadFrom("old but busy", 0).result().length()).as("read again").isEqualTo(1);
        assertThat(durable.loads).hasValue(5);
        assertThat(cached.loadFrom("recent", 0).result().length()).isEqualTo(1);
        assertThat(durable.loads).as("kept").hasValue(5);
    }
}
