package org.signpost.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EntityValue;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.storage.EventCodec;

class JournalRecordTest {

    private static final Instant T = Instant.parse("2026-12-06T09:00:00.250Z");

    @Test
    void aTurnWrittenFromItsEventsIsTheTurnWrittenFromTheirEncodingsAndReadsBack() throws Exception {
        List<ConversationEvent> events = List.of(
                new UserUttered(T, "Mam's café \u2014 \uD83D\uDE42", "find_service", 0.9, List.of(new EntityValue("relationship", "mam"))),
                new BotUttered(T, "utter_where", "Which area?", List.of(new Button("Sedgley", "/inform"))),
                new SlotSet(T.plusMillis(5), "relationship", "mam"));
        JournalRecord.Bytes fromEncodings = new JournalRecord.Bytes();
        int encodedLength = JournalRecord.write(new JournalRecord.Turn("conversation-\u00e9", T.plusMillis(5).toEpochMilli(),
                EventCodec.encodeAll(events)), fromEncodings);
        JournalRecord.Bytes fromEvents = new JournalRecord.Bytes();
        fromEvents.putInt(42);
        int length;
        try (EventCodec.Utf8Writer writer = new EventCodec.Utf8Writer(fromEvents)) {
            length = JournalRecord.writeTurn("conversation-\u00e9", events, writer, fromEvents);
        }

        assertThat(length).isEqualTo(encodedLength).isEqualTo(fromEvents.length() - 4);
        assertThat(Arrays.copyOfRange(fromEvents.array(), 4, fromEvents.length()))
                .isEqualTo(Arrays.copyOf(fromEncodings.array(), fromEncodings.length()));
        JournalRecord.Turn read = (JournalRecord.Turn) JournalRecord.read(
                java.nio.ByteBuffer.wrap(fromEvents.array(), 4, length).slice(), true);
        assertThat(read.conversationId()).isEqualTo("conversation-\u00e9");
        assertThat(EventCodec.decodeAll(read.events())).isEqualTo(events);
    }
}
