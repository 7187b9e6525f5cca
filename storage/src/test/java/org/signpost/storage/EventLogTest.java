package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SlotSet;

class EventLogTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private static List<ConversationEvent> events(String prefix, int count) {
        return IntStream.range(0, count).<ConversationEvent>mapToObj(i -> new SlotSet(T, prefix + i, "v")).toList();
    }

    @Test
    void aViewNeverChangesWhateverIsAppendedAfterIt() {
        EventLog first = EventLog.of(events("a", 3));
        EventLog second = first.plus(events("b", 2));
        EventLog third = second.plus(events("c", 1));

        assertThat(first).isEqualTo(events("a", 3));
        assertThat(second).hasSize(5).endsWith(events("b", 2).toArray(ConversationEvent[]::new));
        assertThat(third).hasSize(6).startsWith(second.toArray(ConversationEvent[]::new));
    }

    @Test
    void twoAppendsToOneViewEachGetTheirOwnEvents() {
        EventLog base = EventLog.of(events("a", 2)).plus(events("b", 1));
        EventLog one = base.plus(events("one", 2));
        EventLog other = base.plus(events("other", 2));

        assertThat(one.subList(3, 5)).isEqualTo(events("one", 2));
        assertThat(other.subList(3, 5)).isEqualTo(events("other", 2));
        assertThat(base).hasSize(3);
    }

    @Test
    void isACopyOfWhatItWasMadeFromAndReadOnly() {
        List<ConversationEvent> source = new ArrayList<>(events("a", 2));
        EventLog log = EventLog.of(source);
        source.clear();

        assertThat(log).hasSize(2);
        assertThatThrownBy(() -> log.add(new SlotSet(T, "x", "y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> log.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(EventLog.of(List.of()).plus(events("a", 1))).isEqualTo(events("a", 1));
    }
}
