package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
    void retentionForgetsWhatItDeletedAndKeepsTheRestHeld() {
        Counting durable = new Counting();
        CachedTrackerStore cached = new CachedTrackerStore(durable, 100_000);
        Instant cutoff = T.plus(Duration.ofDays(30));
        for (String id : List.of("old", "recent")) {
            cached.load(id);
        }
        cached.append("old", at(T));
        cached.append("recent", at(cutoff.plusSeconds(1)));
        assertThat(durable.loads).hasValue(2);

        assertThat(cached.deleteIdleSince(cutoff).result()).isEqualTo(1);

        assertThat(cached.load("old").result()).as("deleted, and not served from memory").isEmpty();
        assertThat(cached.load("recent").result()).hasSize(1);
        assertThat(durable.loads).as("only the deleted conversation read again").hasValue(3);
    }
}
