package org.signpost.core.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.transcript.TranscriptEntry.Kind;

class TranscriptTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static final List<ConversationEvent> EVENTS = List.of(
            new SessionStarted(T, Channel.WEB),
            new UserUttered(T, "hello", "greet", 0.9, List.of()),
            new FlowStarted(T, "greet"),
            new BotUttered(T, "utter_greet", "Hello", List.of(new Button("Talk to a person", "/human_handoff"))),
            new UserUttered(T, "/human_handoff", "human_handoff", 1.0, List.of()),
            new EscalationRequested(T, "e-1", "asked for a person", "routine"),
            new BotUttered(T, "utter_handoff", "A navigator will join", List.of()),
            new NavigatorJoined(T, "e-1", "sam"),
            new SafetyFlagged(T, "emergency", "chest pain"),
            new NoteAdded(T, "sam", "call back"),
            new NavigatorUttered(T, "sam", "Hi, I'm Sam"),
            new NavigatorLeft(T, "sam", "handed_back"),
            new UserUttered(T, "/human_handoff", "human_handoff", 1.0, List.of()));

    @Test
    void numbersWhatThePersonSeesWithoutGapsAndLeavesStaffLinesUnnumbered() {
        List<TranscriptEntry> lines = Transcript.of(EVENTS);
        assertThat(lines).extracting(TranscriptEntry::kind).containsExactly(Kind.USER, Kind.BOT, Kind.USER, Kind.HANDOFF,
                Kind.BOT, Kind.HANDOFF, Kind.SAFETY, Kind.NOTE, Kind.NAVIGATOR, Kind.HANDOFF, Kind.USER);
        assertThat(lines).extracting(TranscriptEntry::seq).containsExactly(1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9);
        assertThat(Transcript.lastSeq(lines)).isEqualTo(9);
        assertThat(lines.get(5).detail()).isEqualTo("joined");
        assertThat(lines.get(5).author()).isEqualTo("sam");
        assertThat(lines.get(6).detail()).isEqualTo("emergency");
    }

    @Test
    void aPressedButtonReadsAsTheTitleTheBotOfferedButOnlyRightAfterTheOffer() {
        List<TranscriptEntry> lines = Transcript.of(EVENTS);
        assertThat(lines.get(2).text()).isEqualTo("Talk to a person");
        // The last message repeats the payload long after the offer: it is shown as typed.
        assertThat(lines.get(10).text()).isEqualTo("/human_handoff");
    }

    @Test
    void whatThePersonSawThemselvesPressWinsOverTheOfferedTitles() {
        List<TranscriptEntry> lines = Transcript.of(List.of(
                new UserUttered(T, "/human_handoff", "human_handoff", 1.0, List.of(), "Talk to a person", "")));
        assertThat(lines.get(0).text()).isEqualTo("Talk to a person");
    }

    @Test
    void appendedLinesAreNumberedToFollowTheHistory() {
        List<TranscriptEntry> appended = Transcript.appended(EVENTS.subList(0, 4), EVENTS.subList(4, 7));
        assertThat(appended).extracting(TranscriptEntry::seq).containsExactly(3, 4, 5);
        assertThat(appended.get(0).text()).isEqualTo("Talk to a person");
    }

    @Test
    void appendingAfterAnyPrefixGivesTheSameLinesAsReadingTheWhole() {
        List<TranscriptEntry> whole = Transcript.of(EVENTS);
        for (int split = 0; split <= EVENTS.size(); split++) {
            List<ConversationEvent> history = EVENTS.subList(0, split);
            assertThat(Transcript.appended(history, EVENTS.subList(split, EVENTS.size())))
                    .as("split at %d", split).isEqualTo(whole.subList(Transcript.of(history).size(), whole.size()));
        }
    }

    @Test
    void refusesANumberedStaffLineOrAnUnnumberedVisibleOne() {
        assertThatThrownBy(() -> new TranscriptEntry(3, Kind.NOTE, T, "x", List.of(), "sam", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscriptEntry(0, Kind.BOT, T, "x", List.of(), "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
