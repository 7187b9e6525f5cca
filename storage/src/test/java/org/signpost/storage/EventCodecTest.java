package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ActionExecuted;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EntityValue;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowJumped;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;

class EventCodecTest {

    private static final Instant T1 = Instant.parse("2026-12-05T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-12-05T10:01:00Z");

    private static final List<ConversationEvent> EVERY_KIND = List.of(
            new SessionStarted(T1, Channel.WHATSAPP),
            new UserUttered(T1, "my mum keeps falling", "find_service", 0.87,
                    List.of(new EntityValue("relationship", "mum")), "shown", "wamid.1"),
            new BotUttered(T1, "utter_falls", "The falls team can help.", List.of(new Button("Refer", "/make_referral"))),
            new SlotSet(T1, "locality", "Sedgley"),
            new SlotReset(T1, "locality"),
            new SlotRequested(T1, "postcode", 2),
            new FlowStarted(T2, "falls"),
            new FlowStepCompleted(T2, "falls", 3),
            new FlowJumped(T2, "falls", 1),
            new FlowEnded(T2, "falls", FlowEnded.Outcome.CANCELLED),
            new ActionExecuted(T2, "action_search_services"),
            new EscalationRequested(T2, "esc-1", "asked for a person", "urgent"),
            new SafetyFlagged(T2, "self_harm", "end it all"),
            new NavigatorJoined(T2, "esc-1", "sam"),
            new NavigatorUttered(T2, "sam", "Hello, I'm Sam"),
            new NavigatorLeft(T2, "sam", "resolved"),
            new NoteAdded(T2, "sam", "called back"));

    private static List<String> encoded(List<ConversationEvent> events) {
        return EventCodec.encodeAll(events);
    }

    @Test
    void everyKindOfEventComesBackEqual() {
        assertThat(EventCodec.decodeAll(encoded(EVERY_KIND))).containsExactlyElementsOf(EVERY_KIND);
    }

    @Test
    void eventsOfOneTurnShareTheirTimeAndRepliesAreOneString() {
        List<ConversationEvent> first = EventCodec.decodeAll(encoded(EVERY_KIND));
        List<ConversationEvent> second = EventCodec.decodeAll(encoded(EVERY_KIND));

        assertThat(first.get(1).at()).isSameAs(first.get(0).at()).isEqualTo(T1);
        assertThat(first.get(6).at()).isSameAs(first.get(16).at()).isEqualTo(T2);
        BotUttered reply = (BotUttered) first.get(2);
        BotUttered again = (BotUttered) second.get(2);
        assertThat(again.text()).isSameAs(reply.text());
        assertThat(again.buttons().get(0).payload()).isSameAs(reply.buttons().get(0).payload());
        assertThat(((FlowStarted) second.get(6)).flow()).isSameAs(((FlowStarted) first.get(6)).flow());
        // What people write is their own: not interned.
        assertThat(((UserUttered) second.get(1)).text()).isNotSameAs(((UserUttered) first.get(1)).text());
    }

    @Test
    void readsFieldsInAnyOrderSkipsUnknownOnesAndTakesMissingOptionalOnesAsEmpty() {
        List<ConversationEvent> read = EventCodec.decodeAll(List.of(
                "{\"confidence\":0.5,\"future\":{\"nested\":[1,2]},\"text\":\"hi\",\"type\":\"user\",\"shown\":null,"
                        + "\"intent\":\"greet\",\"at\":\"2026-12-05T10:00:00Z\"}",
                "{\"at\":\"2026-12-05T10:00:00Z\",\"type\":\"slot_set\",\"slot\":\"locality\",\"value\":\"Sedgley\",\"later\":null}"));

        assertThat(read).containsExactly(
                new UserUttered(Instant.parse("2026-12-05T10:00:00Z"), "hi", "greet", 0.5, List.of(), "", ""),
                new SlotSet(Instant.parse("2026-12-05T10:00:00Z"), "locality", "Sedgley"));
    }

    @Test
    void anEntryThatIsNotAnEventSaysWhereButNotWhatItHolds() {
        assertThatThrownBy(() -> EventCodec.decodeAll(List.of("{\"at\":\"2026-12-05T10:00:00Z\",\"text\":\"my secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> EventCodec.decodeAll(List.of("{\"type\":\"user\",\"text\":\"hi\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no time");
        assertThatThrownBy(() -> EventCodec.decodeAll(List.of("{\"at\":\"2026-12-05T10:00:00Z\",\"type\":\"user\","
                + "\"text\":{\"nested\":\"my secret\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }

    @Test
    void encodesAsTheEarlierObjectTreeDid() {
        // Stores already hold events written through Vert.x's JsonObject: the same bytes, field for field.
        assertThat(EventCodec.encodeAll(List.of(EVERY_KIND.get(1)))).containsExactly("{\"at\":\"2026-12-05T10:00:00.123Z\",\"type\":\"user\","
                + "\"text\":\"my mum keeps falling\",\"intent\":\"find_service\",\"confidence\":0.87,"
                + "\"entities\":[{\"entity\":\"relationship\",\"value\":\"mum\"}],\"shown\":\"shown\",\"message_id\":\"wamid.1\"}");
    }

    @Test
    void eventsEncodedTogetherAreEachWhatItIsAlone() {
        List<String> alone = EVERY_KIND.stream().map(event -> EventCodec.encodeAll(List.of(event)).get(0)).toList();

        assertThat(EventCodec.encodeAll(EVERY_KIND)).containsExactlyElementsOf(alone);
    }

    @Test
    void writtenAsUtf8EachEventIsItsEncodingsBytes() {
        List<ConversationEvent> events = new ArrayList<>(EVERY_KIND);
        // Two-byte, three-byte and four-byte characters, and characters JSON escapes.
        events.add(new UserUttered(T2, "Mam's café in Dudley \u2014 \"open?\" \uD83D\uDE42\n", "find_service", 0.5, List.of(), "", ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventCodec.Utf8Writer writer = new EventCodec.Utf8Writer(out)) {
            for (ConversationEvent event : events) {
                int before = out.size();
                writer.write(event);
                byte[] all = out.toByteArray();
                assertThat(new String(all, before, all.length - before, StandardCharsets.UTF_8))
                        .isEqualTo(EventCodec.encodeAll(List.of(event)).get(0));
            }
        }
    }

    @Test
    void anUnknownKindIsAnErrorNotADroppedEvent() {
        assertThatThrownBy(() -> EventCodec.decodeAll(List.of("{\"at\":\"2026-12-05T10:00:00Z\",\"type\":\"teleported\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleported");
    }
}
